import * as z from 'zod';
import { ActSchema } from '../annotate/acts.js';
import { FailureClassSchema } from '../detect/failure.js';
import { ConversationSchema } from './schema.js';
import { UsageSchema } from '../model/usage.js';

/** Why a simulated conversation stopped. */
export const EndReasonSchema = z.enum(['action-done', 'user-ended', 'turn-budget', 'error']);
export type EndReason = z.infer<typeof EndReasonSchema>;

/** An error that kept a conversation from being judged; never a bot failure. */
export const ConversationErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  blame: z.enum(['bot', 'simulator', 'infrastructure']),
});
export type ConversationError = z.infer<typeof ConversationErrorSchema>;

/** A line of transcripts.jsonl: the conversation plus how it came about and how it was judged. */
export const ConversationRecordSchema = ConversationSchema.extend({
  schemaVersion: z.literal(1),
  /** `pass`, `fail` (a bot failure was found) or `error` (could not be judged). */
  outcome: z.enum(['pass', 'fail', 'error']),
  failureClasses: z.array(FailureClassSchema).default([]),
  scenarioId: z.string().optional(),
  trial: z.number().int().positive().optional(),
  bot: z.string().optional(),
  model: z.string().optional(),
  /** Hash of the rendered system prompt: the prompt version this conversation tested. */
  promptHash: z.string().optional(),
  today: z.string().optional(),
  simulator: z.enum(['rule', 'scripted', 'llm']).optional(),
  /** The seed that picked the rule-based user's wording: set it as the scenario's `user.seed` to replay that wording. */
  seed: z.number().int().nonnegative().optional(),
  /** The simulator's own acts per user message index: ground truth for the user side. */
  userActs: z.record(z.string(), z.array(ActSchema)).optional(),
  endReason: EndReasonSchema.optional(),
  error: ConversationErrorSchema.optional(),
  modelCalls: z.number().int().nonnegative().optional(),
  /** Failed model-call attempts that were retried, by error code. */
  retries: z.record(z.string(), z.number().int().nonnegative()).optional(),
  /** Model calls answered from the call cache (record/replay). */
  cachedCalls: z.number().int().nonnegative().optional(),
  /** Tokens of the model calls made for this conversation, by role (bot, user, tagger) and model. */
  usage: UsageSchema.optional(),
  durationMs: z.number().nonnegative().optional(),
});
export type ConversationRecord = z.infer<typeof ConversationRecordSchema>;
