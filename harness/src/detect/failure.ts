import * as z from 'zod';

/** Every failure class slotcheck knows; detectors are registered under these ids. */
export const FailureClassSchema = z.enum([
  're-ask',
  'premature-action',
  'unapproved-detail',
  'confirmation-as-go-ahead',
  'ignored-correction',
  'wrong-value',
  'invented-value',
  'missing-action',
  'turn-budget',
]);
export type FailureClass = z.infer<typeof FailureClassSchema>;

/** Why a message was flagged: the quoted text and what it contradicts. */
export const EvidenceSchema = z.object({
  /** The flagged message's text (or tool call), quoted. */
  quote: z.string(),
  /** One sentence a person can check against the transcript. */
  reason: z.string(),
  /** An earlier message the finding refers to (where the user gave the value, …). */
  relatedMessageIndex: z.number().int().nonnegative().optional(),
  relatedQuote: z.string().optional(),
  /** Later messages where the bot repeats the same failure: it is reported once, at the first. */
  repeatedAt: z.array(z.number().int().nonnegative()).optional(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

/** What a detector returns for one conversation. */
export const FindingSchema = z.object({
  class: FailureClassSchema,
  /** Index into the conversation's `messages`. */
  messageIndex: z.number().int().nonnegative(),
  slot: z.string().optional(),
  evidence: EvidenceSchema,
});
export type Finding = z.infer<typeof FindingSchema>;

/** A line of failures.jsonl. */
export const FailureSchema = FindingSchema.extend({
  schemaVersion: z.literal(1),
  conversationId: z.string(),
  scenarioId: z.string().optional(),
  trial: z.number().int().positive().optional(),
  /** Failures are the bot's; infrastructure errors are never recorded here. */
  blame: z.literal('bot'),
});
export type Failure = z.infer<typeof FailureSchema>;
