import type { Act } from '../annotate/acts.js';
import { annotateConversation } from '../annotate/annotate.js';
import type { Tagger } from '../annotate/tagger.js';
import type { UsageMeter } from '../model/usage.js';
import type { Task } from '../bot/task.js';
import type { Detector } from '../detect/detector.js';
import { detectFailures } from '../detect/detect.js';
import type { Failure, Finding } from '../detect/failure.js';
import type { Expectations } from '../scenario/schema.js';
import type { ConversationError } from '../transcript/record.js';
import type { Conversation } from '../transcript/schema.js';
import type { ImportedConversation } from '../transcript/load.js';
import { isSlotcheckError } from '../core/errors.js';
import { createGiveWay } from '../core/give-way.js';

/** What is known about a conversation besides its messages. */
export interface JudgeContext {
  task: Task;
  today?: string;
  /** The simulator's acts per user message: replace the tagger's for user messages. */
  userActs?: Record<string, Act[]>;
  expect?: Expectations;
  expectedArgs?: Record<string, string | number | boolean>;
  endedByBudget?: boolean;
  /** Counts the tokens of a model-backed tagger. */
  usage?: UsageMeter;
}

/** annotate → detect for one conversation. */
export async function judgeConversation(conversation: Conversation, context: JudgeContext, tagger: Tagger, detectors: readonly Detector[], signal?: AbortSignal): Promise<Finding[]> {
  const giveWay = createGiveWay();
  const annotated = await annotateConversation(conversation, context.task, tagger, {
    ...(context.userActs ? { userActs: context.userActs } : {}),
    ...(context.today ? { today: context.today } : {}),
    ...(signal ? { signal } : {}),
    ...(context.usage ? { usage: context.usage } : {}),
  });
  await giveWay();
  return detectFailures(
    {
      ...annotated,
      ...(context.expect ? { expect: context.expect } : {}),
      ...(context.expectedArgs ? { expectedArgs: context.expectedArgs } : {}),
      ...(context.endedByBudget ? { endedByBudget: true } : {}),
    },
    detectors,
  );
}

/** Findings as failures.jsonl lines. */
export function toFailures(findings: readonly Finding[], conversationId: string, extra: { scenarioId?: string; trial?: number } = {}): Failure[] {
  return findings.map((finding) => ({ schemaVersion: 1, conversationId, ...extra, blame: 'bot', ...finding }));
}

/** Findings of a conversation, or why it could not be judged. */
export interface JudgeResult {
  findings: Finding[];
  error?: ConversationError;
}

/**
 * judgeConversation, with a tagger that could not answer (the LLM tagger's
 * endpoint, refusal or invalid output) as a value: the conversation could not
 * be judged, which is an infrastructure error and never a bot failure.
 */
export async function judgeOrError(conversation: Conversation, context: JudgeContext, tagger: Tagger, detectors: readonly Detector[], signal?: AbortSignal): Promise<JudgeResult> {
  try {
    return { findings: await judgeConversation(conversation, context, tagger, detectors, signal) };
  } catch (error) {
    if (!isSlotcheckError(error)) throw error;
    return { findings: [], error: { code: error.code, message: `tagger "${tagger.id}": ${error.message}`, blame: 'infrastructure' } };
  }
}

/** judgeOrError for an imported conversation: its own task, today and (re-analysed runs) simulator acts. */
export function judgeImported(conversation: ImportedConversation, tagger: Tagger, detectors: readonly Detector[], signal?: AbortSignal, usage?: UsageMeter): Promise<JudgeResult> {
  const { userActs, today, ...plain } = conversation;
  return judgeOrError(plain, { task: conversation.task, ...(today ? { today } : {}), ...(userActs ? { userActs } : {}), ...(usage ? { usage } : {}) }, tagger, detectors, signal);
}
