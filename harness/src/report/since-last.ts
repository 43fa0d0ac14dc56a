import type { FailureClass } from '../detect/failure.js';
import { diffSnapshots, itemsWith, type DiffItem } from './diff.js';
import type { HistoryEntry } from './history.js';
import { formatRate } from './run-stats.js';

/** What changed since the previous run of the same kind: fit to paste into a chat or an issue. */
export interface SinceLast {
  previous: { runId: string; startedAt: string };
  /** False for `analyze` runs, whose conversations differ from run to run: only the trend is shown. */
  compared: boolean;
  added: DiffItem[];
  fixed: DiffItem[];
  passRate: { before: string; now: string };
  /** Conversations with each class, before and now. */
  classes: Array<{ class: FailureClass; before: number; now: number; change: string }>;
}

/** Compares the current run's history entry with the newest earlier one of the same kind. */
export function sinceLast(history: readonly HistoryEntry[], current: HistoryEntry): SinceLast | undefined {
  const previous = history.filter((e) => e.kind === current.kind && e.runId !== current.runId).at(-1);
  if (!previous) return undefined;
  const diff = previous.snapshot && current.snapshot ? diffSnapshots(previous.snapshot, current.snapshot) : undefined;
  return {
    previous: { runId: previous.runId, startedAt: previous.startedAt },
    compared: diff !== undefined,
    added: diff ? itemsWith(diff, 'new') : [],
    fixed: diff ? itemsWith(diff, 'fixed') : [],
    passRate: { before: formatRate(rateOf(previous)), now: formatRate(rateOf(current)) },
    classes: classTrend(previous, current),
  };
}

function rateOf(entry: HistoryEntry): number | null {
  return entry.totals.conversations > 0 ? entry.totals.passed / entry.totals.conversations : null;
}

function classTrend(previous: HistoryEntry, current: HistoryEntry): SinceLast['classes'] {
  const classes = new Set([...Object.keys(previous.conversationsByClass), ...Object.keys(current.conversationsByClass)] as FailureClass[]);
  return [...classes].sort().map((cls) => {
    const before = previous.conversationsByClass[cls] ?? 0;
    const now = current.conversationsByClass[cls] ?? 0;
    return { class: cls, before, now, change: now === before ? 'no change' : now > before ? `▲ ${now - before}` : `▼ ${before - now}` };
  });
}
