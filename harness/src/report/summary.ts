import * as z from 'zod';
import { FailureClassSchema, type Failure, type FailureClass } from '../detect/failure.js';
import type { ConversationRecord } from '../transcript/record.js';
import { addUsage, type Usage } from '../model/usage.js';
import { UsageSummarySchema } from './prices.js';

const CountsByClass = z.partialRecord(FailureClassSchema, z.number().int().nonnegative());

/** Results for one scenario (or, for imported conversations, one task). */
export const ScenarioSummarySchema = z.object({
  id: z.string(),
  bot: z.string().optional(),
  /** Conversations run (trials) or imported. */
  trials: z.number().int().nonnegative(),
  passes: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  /** Failures found, by class (a conversation can have several). */
  failuresByClass: CountsByClass,
});
export type ScenarioSummary = z.infer<typeof ScenarioSummarySchema>;

/** How a run was planned: what `--resume` needs to finish it and `merge` to check that shards belong together. */
export const RunPlanSchema = z.object({
  /** Scenario files or folders, relative to the project folder when inside it. */
  scenarioPaths: z.array(z.string()),
  botsDir: z.string(),
  modelName: z.string().optional(),
  maxTurns: z.number().int().positive().optional(),
  maxToolRounds: z.number().int().nonnegative().optional(),
  simulator: z.enum(['rule', 'scripted', 'llm']).optional(),
  only: z.array(z.string()).optional(),
  tags: z.array(z.string()).optional(),
  conversationTimeoutMs: z.number().positive(),
  /** Hash of the loaded scenarios: a resumed or merged run must test the same ones. */
  suiteHash: z.string(),
  /** This run is shard `index` of `count` (1-based). */
  shard: z.object({ index: z.number().int().positive(), count: z.number().int().positive() }).optional(),
  /** Conversations this run (or shard) is to hold when complete. */
  conversations: z.number().int().nonnegative(),
});
export type RunPlan = z.infer<typeof RunPlanSchema>;

/** Model calls of a run, summed over its conversations. */
export const CallStatsSchema = z.object({
  /** Calls made for the bot (answered by the endpoint or the cache). */
  calls: z.number().int().nonnegative(),
  /** Calls answered from the call cache. */
  cached: z.number().int().nonnegative(),
  /** Failed attempts that were retried, by error code. */
  retried: z.record(z.string(), z.number().int().nonnegative()),
});
export type CallStats = z.infer<typeof CallStatsSchema>;

/** summary.json: what a run found, for people and for CI. */
export const RunSummarySchema = z.object({
  schemaVersion: z.literal(1),
  runId: z.string(),
  kind: z.enum(['run', 'analyze']),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number().nonnegative(),
  model: z.string().optional(),
  endpoint: z.string().optional(),
  tagger: z.string(),
  detectors: z.array(FailureClassSchema),
  trials: z.number().int().positive().optional(),
  bots: z
    .array(
      z.object({
        name: z.string(),
        /** The prompt version (a prompt bot's template), or another kind's definition hash. */
        promptHash: z.string(),
        kind: z.enum(['prompt', 'http', 'module']).optional(),
        /** Hash of everything that defines the bot (`${VAR}`s as written): what `--resume` checks. */
        definitionHash: z.string().optional(),
      }),
    )
    .default([]),
  plan: RunPlanSchema.optional(),
  totals: z.object({
    conversations: z.number().int().nonnegative(),
    passed: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
    errors: z.number().int().nonnegative(),
  }),
  failuresByClass: CountsByClass,
  modelCalls: CallStatsSchema.optional(),
  /** Tokens by role (bot, simulated user, tagger, meta-prompts) and model, as the endpoint reported them; with `--prices`, money. */
  usage: UsageSummarySchema.optional(),
  /** Conversations that could not be judged, by error code: how many, who is to blame, and the first one's message. */
  errorsByCode: z.record(z.string(), z.object({ count: z.number().int().positive(), blame: z.string().optional(), message: z.string() })).optional(),
  scenarios: z.array(ScenarioSummarySchema),
  /** The exit code the run ends with: 0 passed, 1 bot failure found, 3 errors only. */
  exitCode: z.number().int(),
});
export type RunSummary = z.infer<typeof RunSummarySchema>;

/** run.json: what is known about a run when it starts; the summary adds the counts. */
export const RunMetaSchema = RunSummarySchema.omit({ schemaVersion: true, totals: true, failuresByClass: true, modelCalls: true, usage: true, errorsByCode: true, scenarios: true, exitCode: true, finishedAt: true, durationMs: true });
export type RunMeta = z.infer<typeof RunMetaSchema>;

/** The group a conversation is summarised under: its scenario, else (imported) its task. */
export function groupOf(record: Pick<ConversationRecord, 'scenarioId' | 'task'>): string {
  return record.scenarioId ?? record.task?.name ?? 'conversations';
}

/** Accumulates counts from a run folder's records and failures; holds no transcripts. */
export class SummaryBuilder {
  private readonly scenarios = new Map<string, ScenarioSummary>();
  private readonly byClass: Partial<Record<FailureClass, number>> = {};
  /** Group of each failed conversation, so its failures count under it. */
  private readonly failedGroups = new Map<string, string>();
  private readonly calls: CallStats = { calls: 0, cached: 0, retried: {} };
  private readonly tokens: Usage = {};
  private readonly errors: NonNullable<RunSummary['errorsByCode']> = {};

  addConversation(record: ConversationRecord): void {
    if (record.usage) addUsage(this.tokens, record.usage);
    if (record.error) {
      const seen = this.errors[record.error.code];
      if (seen) seen.count += 1;
      else this.errors[record.error.code] = { count: 1, blame: record.error.blame, message: record.error.message };
    }
    this.calls.calls += record.modelCalls ?? 0;
    this.calls.cached += record.cachedCalls ?? 0;
    for (const [code, n] of Object.entries(record.retries ?? {})) this.calls.retried[code] = (this.calls.retried[code] ?? 0) + n;
    const key = groupOf(record);
    let entry = this.scenarios.get(key);
    if (!entry) {
      entry = { id: key, ...(record.bot ? { bot: record.bot } : {}), trials: 0, passes: 0, failed: 0, errors: 0, failuresByClass: {} };
      this.scenarios.set(key, entry);
    }
    entry.trials += 1;
    if (record.outcome === 'pass') entry.passes += 1;
    else if (record.outcome === 'fail') {
      entry.failed += 1;
      this.failedGroups.set(record.id, key);
    } else entry.errors += 1;
  }

  /** Counts a failure; failures of conversations not in the folder (cut off mid-write) are ignored. */
  addFailure(failure: Pick<Failure, 'conversationId' | 'class'>): void {
    const key = this.failedGroups.get(failure.conversationId);
    const entry = key === undefined ? undefined : this.scenarios.get(key);
    if (!entry) return;
    entry.failuresByClass[failure.class] = (entry.failuresByClass[failure.class] ?? 0) + 1;
    this.byClass[failure.class] = (this.byClass[failure.class] ?? 0) + 1;
  }

  totals(): RunSummary['totals'] {
    const all = [...this.scenarios.values()];
    const sum = (key: 'trials' | 'passes' | 'failed' | 'errors') => all.reduce((n, s) => n + s[key], 0);
    return { conversations: sum('trials'), passed: sum('passes'), failed: sum('failed'), errors: sum('errors') };
  }

  /** Call statistics, when any conversation made model calls (simulated runs). */
  modelCalls(): CallStats | undefined {
    return this.calls.calls > 0 ? { ...this.calls, retried: { ...this.calls.retried } } : undefined;
  }

  /** Tokens of every conversation's model calls, by role and model. */
  usage(): Usage {
    return this.tokens;
  }

  /** Errors by code, when any conversation errored. */
  errorsByCode(): RunSummary['errorsByCode'] {
    return Object.keys(this.errors).length > 0 ? structuredClone(this.errors) : undefined;
  }

  failuresByClass(): RunSummary['failuresByClass'] {
    return { ...this.byClass };
  }

  scenarioSummaries(): ScenarioSummary[] {
    return [...this.scenarios.values()].sort((a, b) => a.id.localeCompare(b.id));
  }
}

/** 1 when a bot failure was found, 3 when conversations errored but none failed, else 0. */
export function exitCodeFor(totals: RunSummary['totals']): number {
  if (totals.failed > 0) return 1;
  if (totals.errors > 0) return 3;
  return 0;
}
