import { z } from 'zod';
import { FailureClassSchema, type FailureClass } from '../detect/failure.js';
import type { ConversationRecord } from '../transcript/record.js';

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
  bots: z.array(z.object({ name: z.string(), promptHash: z.string() })).default([]),
  totals: z.object({
    conversations: z.number().int().nonnegative(),
    passed: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
    errors: z.number().int().nonnegative(),
  }),
  failuresByClass: CountsByClass,
  scenarios: z.array(ScenarioSummarySchema),
  /** The exit code the run ends with: 0 passed, 1 bot failure found, 3 errors only. */
  exitCode: z.number().int(),
});
export type RunSummary = z.infer<typeof RunSummarySchema>;

/** Accumulates counts as conversations finish; holds no transcripts. */
export class SummaryBuilder {
  private readonly scenarios = new Map<string, ScenarioSummary>();
  private readonly byClass: Partial<Record<FailureClass, number>> = {};

  add(record: ConversationRecord, groupKey: string, failureClasses: readonly FailureClass[]): void {
    let entry = this.scenarios.get(groupKey);
    if (!entry) {
      entry = { id: groupKey, ...(record.bot ? { bot: record.bot } : {}), trials: 0, passes: 0, failed: 0, errors: 0, failuresByClass: {} };
      this.scenarios.set(groupKey, entry);
    }
    entry.trials += 1;
    if (record.outcome === 'pass') entry.passes += 1;
    else if (record.outcome === 'fail') entry.failed += 1;
    else entry.errors += 1;
    for (const cls of failureClasses) {
      entry.failuresByClass[cls] = (entry.failuresByClass[cls] ?? 0) + 1;
      this.byClass[cls] = (this.byClass[cls] ?? 0) + 1;
    }
  }

  totals(): RunSummary['totals'] {
    const all = [...this.scenarios.values()];
    const sum = (key: 'trials' | 'passes' | 'failed' | 'errors') => all.reduce((n, s) => n + s[key], 0);
    return { conversations: sum('trials'), passed: sum('passes'), failed: sum('failed'), errors: sum('errors') };
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
