import { randomBytes } from 'node:crypto';
import type { TaskModelCache } from '../annotate/offline-tagger.js';
import type { Tagger } from '../annotate/tagger.js';
import { newCallMeter, type BotDriver, type CallSlot } from '../bot/driver.js';
import type { Detector } from '../detect/detector.js';
import type { Failure } from '../detect/failure.js';
import { judgeOrError, toFailures } from './judge.js';
import type { ChatModel } from '../model/chat-model.js';
import { UsageMeter, withUsageMeter } from '../model/usage.js';
import { expectedArgs } from '../scenario/goal.js';
import { simulateConversation } from '../simulate/conversation.js';
import { callSchedule, conversationClock, conversationModel } from '../simulate/conversation-clock.js';
import { createSimulator, phrasingSeed, simulatorKindFor, type SimulatorKind } from '../simulate/create-simulator.js';
import type { Job } from '../simulate/runner.js';
import type { ConversationError, ConversationRecord } from '../transcript/record.js';

/** What every conversation of a run shares. */
export interface JobContext {
  /** The bots of the run, connected (any kind). */
  bots: ReadonlyMap<string, BotDriver>;
  /** The model of the LLM user simulator (the run's default endpoint); absent when no scenario needs it. */
  model?: ChatModel;
  /** Prompt version per bot: the hash of a prompt bot's template, another bot's definition hash. */
  promptHashes: ReadonlyMap<string, string>;
  tagger: Tagger;
  detectors: readonly Detector[];
  simulator?: SimulatorKind;
  /** Model name of the LLM user simulator; the bot's model when absent. */
  simulatorModel?: string;
  maxTurns?: number;
  conversationTimeoutMs: number;
  clock: () => Date;
  signal?: AbortSignal;
  /** Task models (lexicon, date parser, taggings made), shared by the simulators and the tagger. */
  taskModels: TaskModelCache;
}

/** A judged conversation, ready to append to the run folder. */
export interface JudgedConversation {
  record: ConversationRecord;
  failures: Failure[];
}

/**
 * simulate → annotate → detect for one scenario × trial; errors become
 * `error` records, never failures. `handicap`: calls counted as already made
 * when the model's slots pick the least advanced conversation (see simulate/schedule.ts).
 * Returns null when the run was interrupted
 * before the conversation could finish: it is not recorded, so a resumed run
 * plays it again.
 */
export async function simulateAndJudge(job: Job, driver: BotDriver, ctx: JobContext, handicap = 0): Promise<JudgedConversation | null> {
  const started = Date.now();
  const today = job.scenario.today ?? ctx.clock().toISOString().slice(0, 10);
  const clock = conversationClock(ctx.conversationTimeoutMs, ctx.signal);
  try {
    return await playAndJudge(job, driver, ctx, { signal: clock.signal, nextCall: callSchedule(clock, handicap) }, today, started);
  } finally {
    clock.dispose();
  }
}

async function playAndJudge(job: Job, driver: BotDriver, ctx: JobContext, calls: { signal: AbortSignal; nextCall: () => CallSlot }, today: string, started: number): Promise<JudgedConversation | null> {
  const { signal, nextCall } = calls;
  const bot = driver.definition;
  const kind = simulatorKindFor(job.scenario, ctx.simulator);
  const tm = ctx.taskModels.get(bot.task, today);
  const modelName = driver.modelName;
  const meter = newCallMeter();
  // Tokens of the conversation's calls, by role: the bot's (a prompt bot counts them), the LLM user's, the LLM tagger's.
  const usage = new UsageMeter();
  const seed = kind === 'rule' ? phrasingSeed(job.scenario, job.trial) : undefined;
  const llm = ctx.model ? { model: withUsageMeter(conversationModel(ctx.model, nextCall), usage), modelName: ctx.simulatorModel ?? modelName } : undefined;
  const simulated = await simulateConversation({
    scenario: job.scenario,
    bot: driver.open({ scenario: job.scenario, today, trial: job.trial, nextCall, meter, usage }),
    task: bot.task,
    // New in every run: a bot that keeps sessions by thread never continues an earlier run's conversation.
    threadId: `${job.conversationId}~${randomBytes(4).toString('hex')}`,
    today,
    trial: job.trial,
    simulator: createSimulator(job.scenario, bot, tm, kind, llm, seed),
    taskModel: tm,
    maxTurns: ctx.maxTurns ?? job.scenario.expect.maxTurns,
    meter,
    signal,
  });
  if (simulated.error && ctx.signal?.aborted) return null;
  const conversation = { id: job.conversationId, task: bot.task, messages: simulated.messages };
  const args = expectedArgs(job.scenario, bot.task);
  const judged: Awaited<ReturnType<typeof judgeOrError>> = simulated.error
    ? { findings: [] }
    : await judgeOrError(
        conversation,
        { task: bot.task, today, userActs: simulated.userActs, expect: job.scenario.expect, ...(args ? { expectedArgs: args } : {}), endedByBudget: simulated.endReason === 'turn-budget', usage },
        ctx.tagger,
        ctx.detectors,
        signal,
      );
  // A judge that failed because the run was interrupted did not judge: leave the conversation for resume.
  if (judged.error && ctx.signal?.aborted) return null;
  const { findings } = judged;
  const error = simulated.error ?? judged.error;
  const record: ConversationRecord = {
    schemaVersion: 1,
    ...conversation,
    outcome: error ? 'error' : findings.length > 0 ? 'fail' : 'pass',
    failureClasses: [...new Set(findings.map((f) => f.class))],
    scenarioId: job.scenario.id,
    trial: job.trial,
    bot: bot.name,
    model: modelName,
    promptHash: ctx.promptHashes.get(bot.name)!,
    today,
    simulator: kind,
    ...(seed !== undefined ? { seed } : {}),
    userActs: simulated.userActs,
    endReason: simulated.endReason,
    ...(error ? { error } : {}),
    modelCalls: simulated.modelCalls,
    ...(Object.keys(simulated.retries).length > 0 ? { retries: simulated.retries } : {}),
    ...(simulated.cachedCalls > 0 ? { cachedCalls: simulated.cachedCalls } : {}),
    ...(usage.empty ? {} : { usage: usage.usage }),
    durationMs: Date.now() - started,
  };
  return { record, failures: toFailures(findings, job.conversationId, { scenarioId: job.scenario.id, trial: job.trial }) };
}
