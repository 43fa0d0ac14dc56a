import * as z from 'zod';
import { FailureClassSchema, type FailureClass } from '../detect/failure.js';
import type { ConversationRecord } from '../transcript/record.js';

/** How one diff key (a scenario, or a recorded conversation) fared over its trials. */
export const KeyOutcomeSchema = z.object({
  /** Trials that were judged (passed or failed); errored trials are not. */
  judged: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  /** Judged trials in which each class was found. */
  failed: z.partialRecord(FailureClassSchema, z.number().int().positive()),
});
export type KeyOutcome = z.infer<typeof KeyOutcomeSchema>;

/**
 * What a run found, keyed for comparison with another run: by scenario for
 * `run`, by conversation id for `analyze` (recorded conversations have no trials).
 */
export const RunSnapshotSchema = z.object({
  kind: z.enum(['run', 'analyze']),
  keys: z.record(z.string(), KeyOutcomeSchema),
});
export type RunSnapshot = z.infer<typeof RunSnapshotSchema>;

/** The key a conversation is compared under. */
export function diffKeyOf(kind: RunSnapshot['kind'], record: Pick<ConversationRecord, 'id' | 'scenarioId'>): string {
  return kind === 'run' ? (record.scenarioId ?? record.id) : record.id;
}

/** Accumulates a snapshot from a stream of records; holds counts only. */
export class SnapshotBuilder {
  private readonly keys: Record<string, KeyOutcome> = {};

  constructor(private readonly kind: RunSnapshot['kind']) {}

  add(record: Pick<ConversationRecord, 'id' | 'scenarioId' | 'outcome' | 'failureClasses'>): void {
    const key = diffKeyOf(this.kind, record);
    const entry = (this.keys[key] ??= { judged: 0, errors: 0, failed: {} });
    if (record.outcome === 'error') {
      entry.errors += 1;
      return;
    }
    entry.judged += 1;
    for (const cls of new Set<FailureClass>(record.failureClasses)) entry.failed[cls] = (entry.failed[cls] ?? 0) + 1;
  }

  build(): RunSnapshot {
    return { kind: this.kind, keys: this.keys };
  }
}

/** Builds a snapshot from a run folder's transcripts. */
export async function snapshotOf(kind: RunSnapshot['kind'], records: AsyncIterable<ConversationRecord>): Promise<RunSnapshot> {
  const builder = new SnapshotBuilder(kind);
  for await (const record of records) builder.add(record);
  return builder.build();
}
