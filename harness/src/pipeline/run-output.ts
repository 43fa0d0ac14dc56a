import type { Tagger } from '../annotate/tagger.js';
import { SlotcheckError } from '../core/errors.js';
import type { WriteSyncFn } from '../core/files.js';
import type { EventListener } from '../core/events.js';
import type { Metrics } from '../evaluate/index.js';
import type { TokenBudget } from '../model/token-budget.js';
import { finalizeRunWith, type FinalizedRun } from '../report/finalize.js';
import type { FinalizeOptions } from '../report/extras.js';
import type { Reporter } from '../report/reporter.js';
import type { RunMeta, RunSummary } from '../report/summary.js';
import type { ConversationRecord } from '../transcript/record.js';

/** I/O a pipeline needs, injected. */
export interface PipelineDeps {
  clock: () => Date;
  emit?: EventListener;
  signal?: AbortSignal;
  tagger?: Tagger;
  /** Shortens absolute paths in messages (relative to the project). */
  display?: (path: string) => string;
  /** How run files are appended to (tests inject a full disk). */
  writeSync?: WriteSyncFn;
  /** `--max-tokens`: conversations start only while it holds what they are expected to use. */
  budget?: TokenBudget;
}

export interface PipelineResult extends Omit<FinalizedRun, 'summary'> {
  summary: RunSummary;
  outDir: string;
  /** Conversations planned for this run (or shard) that it does not hold: >0 after an interruption. */
  missing: number;
  /** Detector accuracy against the labels file, when one was given (also written to metrics.json). */
  metrics?: Metrics;
}

/** Summarises the run folder and writes the reports; a partial run (interrupted, or one shard) stays out of history. */
export async function finish(outDir: string, meta: RunMeta, reporters: readonly Reporter[], deps: PipelineDeps, options: FinalizeOptions = {}): Promise<Omit<PipelineResult, 'missing'>> {
  // A partial run must not enter the nightly trend nor become latest/: an interrupted one (resume
  // records it once complete) or a shard (`slotcheck merge` records the whole run).
  const partial = deps.signal?.aborted === true || deps.budget?.exhausted === true || (meta.plan?.shard?.count ?? 1) > 1;
  const { historyDir: _partial, ...withoutHistory } = options;
  const { summary, ...extras } = await finalizeRunWith(outDir, meta, reporters, deps.clock(), partial ? withoutHistory : options);
  deps.emit?.({ type: 'run-end', runId: meta.runId, outDir, passed: summary.totals.passed, failed: summary.totals.failed, errors: summary.totals.errors });
  return { summary, outDir, ...extras };
}

export function emitEnd(deps: PipelineDeps, record: ConversationRecord): void {
  deps.emit?.({
    type: 'conversation-end', conversationId: record.id, outcome: record.outcome, failureClasses: record.failureClasses,
    ...(record.scenarioId ? { scenarioId: record.scenarioId } : {}), ...(record.trial ? { trial: record.trial } : {}),
    ...(record.error ? { error: record.error.message } : {}),
  });
}

export function writerOptions(deps: PipelineDeps) {
  return deps.writeSync ? { writeSync: deps.writeSync } : {};
}

/** A write that failed (a full disk) stops the run; every conversation recorded so far is whole, so it can be finished. */
export function resumable(error: unknown, outDir: string, deps: PipelineDeps): unknown {
  if (!(error instanceof SlotcheckError) || error.code !== 'WRITE_FAILED') return error;
  const dir = (deps.display ?? ((p: string) => p))(outDir);
  return new SlotcheckError('WRITE_FAILED', `${error.message}; the conversations recorded so far are kept: free space, then finish the run with \`slotcheck run --resume ${dir}\``, { cause: error });
}
