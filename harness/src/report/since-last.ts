import type { FailureClass } from '../detect/failure.js';
import { diffSnapshots, itemsWith, type DiffItem } from './diff.js';
import type { HistoryEntry } from './history.js';
import { formatRate, passRateOf } from './run-stats.js';

/** What changed since the previous comparable run: fit to paste into a chat or an issue. */
export interface SinceLast {
  previous: { runId: string; startedAt: string };
  /** False for `analyze` runs (their conversations differ from run to run: the trend only), and when no earlier run tested the same thing. */
  compared: boolean;
  /** Set when no earlier run had the same model, bots and scenarios: `previous` is the last run, and this is how it differed. Nothing is compared. */
  unlike?: string[];
  /** What differs between `previous` and this run that comparing allows (prompt versions). */
  changes: string[];
  /** Newer runs passed over because they tested something else (another model, bots or scenarios), with how they differed. */
  skipped: Array<{ runId: string; differences: string[] }>;
  added: DiffItem[];
  fixed: DiffItem[];
  passRate: { before: string; now: string };
  /** Conversations with each class, before and now. */
  classes: Array<{ class: FailureClass; before: number; now: number; change: string }>;
}

/**
 * Compares the current run with the newest earlier run of the same kind that
 * tested the same thing (same model, bots and scenarios; the prompts may
 * differ: that is what a nightly run tracks). A changed model's different
 * failures are not "new" or "fixed": newer runs of another model, bots or
 * suite are passed over and named; when no earlier run is comparable, it
 * says how the last one differed and compares nothing.
 */
export function sinceLast(history: readonly HistoryEntry[], current: HistoryEntry): SinceLast | undefined {
  const earlier = history.filter((e) => e.kind === current.kind && e.runId !== current.runId);
  const last = earlier.at(-1);
  if (!last) return undefined;
  const like = earlier.filter((e) => differences(e, current).length === 0).at(-1);
  if (!like) return { ...empty(last), unlike: differences(last, current) };
  const skipped = earlier.slice(earlier.indexOf(like) + 1).map((e) => ({ runId: e.runId, differences: differences(e, current) }));
  const diff = current.kind === 'run' && like.snapshot && current.snapshot ? diffSnapshots(like.snapshot, current.snapshot) : undefined;
  return {
    ...empty(like),
    compared: diff !== undefined,
    changes: promptChanges(like, current),
    skipped,
    added: diff ? itemsWith(diff, 'new') : [],
    fixed: diff ? itemsWith(diff, 'fixed') : [],
    passRate: { before: formatRate(passRateOf(like.totals)), now: formatRate(passRateOf(current.totals)) },
    classes: classTrend(like, current),
  };
}

function empty(previous: HistoryEntry): SinceLast {
  return { previous: { runId: previous.runId, startedAt: previous.startedAt }, compared: false, changes: [], skipped: [], added: [], fixed: [], passRate: { before: '–', now: '–' }, classes: [] };
}

/** How an earlier run tested something other than the current one, in words; empty when they are comparable. */
export function differences(before: HistoryEntry, now: HistoryEntry): string[] {
  const out: string[] = [];
  if ((before.model ?? '') !== (now.model ?? '')) out.push(`model ${before.model ?? '(none)'} → ${now.model ?? '(none)'}`);
  const bots = (e: HistoryEntry) => e.bots.map((b) => b.name).sort().join(', ');
  if (bots(before) !== bots(now)) out.push(`bots ${bots(before) || '(none)'} → ${bots(now) || '(none)'}`);
  if (before.suiteHash && now.suiteHash && before.suiteHash !== now.suiteHash) out.push('other scenarios');
  return out;
}

function promptChanges(before: HistoryEntry, now: HistoryEntry): string[] {
  return now.bots.flatMap((bot) => {
    const old = before.bots.find((b) => b.name === bot.name);
    return old && old.promptHash !== bot.promptHash ? [`prompt of ${bot.name} ${old.promptHash} → ${bot.promptHash}`] : [];
  });
}

function classTrend(previous: HistoryEntry, current: HistoryEntry): SinceLast['classes'] {
  const classes = new Set([...Object.keys(previous.conversationsByClass), ...Object.keys(current.conversationsByClass)] as FailureClass[]);
  return [...classes].sort().map((cls) => {
    const before = previous.conversationsByClass[cls] ?? 0;
    const now = current.conversationsByClass[cls] ?? 0;
    return { class: cls, before, now, change: now === before ? 'no change' : now > before ? `▲ ${now - before}` : `▼ ${before - now}` };
  });
}
