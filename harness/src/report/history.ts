import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import * as z from 'zod';
import { JsonlAppender } from '../core/files.js';
import { FailureClassSchema } from '../detect/failure.js';
import { passRates } from './run-stats.js';
import { RunSnapshotSchema, type RunSnapshot } from './snapshot.js';
import { RunSummarySchema, type RunSummary } from './summary.js';

export const HISTORY_FILE = 'history.jsonl';

const CountsByClass = z.partialRecord(FailureClassSchema, z.number().int().nonnegative());

/** A line of reports/history.jsonl: one finished run, enough for a trend and a "since last night" diff. */
export const HistoryEntrySchema = RunSummarySchema.pick({
  runId: true, kind: true, startedAt: true, finishedAt: true, model: true, bots: true, trials: true, totals: true, failuresByClass: true,
}).extend({
  schemaVersion: z.literal(1),
  /** The run folder, relative to the folder of history.jsonl, with `/` separators. */
  dir: z.string(),
  /** Conversations in which each class was found (failuresByClass counts findings). */
  conversationsByClass: CountsByClass,
  passAt1: z.number().nullable(),
  passHatK: z.number().nullable(),
  /** Hash of the scenarios a `run` tested: "since the previous run" compares only runs of the same suite. */
  suiteHash: z.string().optional(),
  /** Per-scenario outcomes for `run`; left out for `analyze`, whose conversations differ from run to run. */
  snapshot: RunSnapshotSchema.optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

/** The history line for a finished run. */
export function historyEntryFor(summary: RunSummary, snapshot: RunSnapshot, outDir: string, historyDir: string): HistoryEntry {
  const conversationsByClass: HistoryEntry['conversationsByClass'] = {};
  for (const outcome of Object.values(snapshot.keys)) {
    for (const [cls, n] of Object.entries(outcome.failed)) conversationsByClass[cls as keyof typeof conversationsByClass] = (conversationsByClass[cls as keyof typeof conversationsByClass] ?? 0) + n;
  }
  const rates = passRates(summary);
  return {
    schemaVersion: 1,
    runId: summary.runId, kind: summary.kind, startedAt: summary.startedAt, finishedAt: summary.finishedAt,
    ...(summary.model ? { model: summary.model } : {}), bots: summary.bots, ...(summary.trials ? { trials: summary.trials } : {}),
    totals: summary.totals, failuresByClass: summary.failuresByClass, conversationsByClass,
    dir: relative(historyDir, outDir).split(sep).join('/'),
    // Trials only exist in simulated runs: for recorded conversations these rates mean nothing.
    passAt1: summary.kind === 'run' ? rates.passAt1 : null, passHatK: summary.kind === 'run' ? rates.passHatK : null,
    ...(summary.plan?.suiteHash ? { suiteHash: summary.plan.suiteHash } : {}),
    ...(summary.kind === 'run' ? { snapshot } : {}),
  };
}

/** Appends one line (a single write on an O_APPEND descriptor, so concurrent runs do not interleave). */
export async function appendHistory(path: string, entry: HistoryEntry): Promise<void> {
  const appender = await JsonlAppender.open(path);
  try {
    await appender.append(entry);
  } finally {
    await appender.close();
  }
}

/**
 * Appends the run's line unless history already holds one (a run finalized
 * again, by a resume of a complete run or reports rewritten after a full disk,
 * is recorded once), then returns what `readHistory` would: one read of the file.
 */
export async function recordHistory(path: string, entry: HistoryEntry, limit = 60, comparable: (entry: HistoryEntry) => boolean = () => true): Promise<HistoryEntry[]> {
  let text = existsSync(path) ? await readFile(path, 'utf8') : '';
  // The id as JSON writes it; ids need no escaping.
  if (!text.includes(`"runId":${JSON.stringify(entry.runId)}`)) {
    await appendHistory(path, entry);
    text += `${JSON.stringify(entry)}\n`;
  }
  return parseHistory(text, limit, comparable);
}

/**
 * The last `limit` valid entries, oldest first. A line that does not parse or
 * validate (hand-edited, an older format, cut off by a crash) is skipped:
 * history is for trends, and one bad line must not stop a run. Lines are
 * parsed newest first and only as far back as needed; the per-scenario
 * snapshot, most of each line, is kept only for the two newest entries of each
 * kind that are `comparable` (this run and the one "since the previous run"
 * compares it with; by default, any two).
 */
export async function readHistory(path: string, limit = 60, comparable: (entry: HistoryEntry) => boolean = () => true): Promise<HistoryEntry[]> {
  return existsSync(path) ? parseHistory(await readFile(path, 'utf8'), limit, comparable) : [];
}

function parseHistory(text: string, limit: number, comparable: (entry: HistoryEntry) => boolean): HistoryEntry[] {
  const lines = text.split(/\r\n|\r|\n/);
  const entries: HistoryEntry[] = [];
  const snapshotsKept = new Map<string, number>();
  for (let i = lines.length - 1; i >= 0 && entries.length < limit; i -= 1) {
    const value = parseJson(lines[i]!) as { kind?: unknown; snapshot?: unknown } | undefined;
    if (typeof value !== 'object' || value === null) continue;
    const lite = HistoryEntrySchema.safeParse({ ...value, snapshot: undefined });
    if (!lite.success) continue;
    const kind = lite.data.kind;
    const keep = (snapshotsKept.get(kind) ?? 0) < SNAPSHOTS_KEPT && comparable(lite.data);
    const full = keep ? HistoryEntrySchema.safeParse(value) : undefined;
    if (full?.success) snapshotsKept.set(kind, (snapshotsKept.get(kind) ?? 0) + 1);
    entries.push(full?.success ? full.data : lite.data);
  }
  return entries.reverse();
}

const SNAPSHOTS_KEPT = 2;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
