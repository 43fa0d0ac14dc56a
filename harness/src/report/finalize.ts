import { join } from 'node:path';
import { writeFileAtomic } from '../core/files.js';
import type { Failure, FailureClass } from '../detect/failure.js';
import { DETECTORS } from '../detect/registry.js';
import type { Reporter, ReportExamples } from './reporter.js';
import { RUN_FILES, openRunFiles } from './run-files.js';
import { SummaryBuilder, exitCodeFor, type RunMeta, type RunSummary } from './summary.js';
import { prepareExtras, type FinalizeOptions } from './extras.js';
import { pointLatest, type LatestResult } from './latest.js';
import type { Comparison } from './compare.js';
import { SnapshotBuilder } from './snapshot.js';
import { summarizeUsage, type UsageSummary } from './prices.js';
import { RunCoverageBuilder } from '../coverage/run-coverage.js';
import { withOccurrences } from '../coverage/combine.js';

/** A finalized run: its summary, the baseline comparison when there was one, and where latest/ points. */
export interface FinalizedRun {
  summary: RunSummary;
  comparison?: Comparison;
  latest?: LatestResult;
}

const EXAMPLES_PER_CLASS = 5;
const ERRORS_SHOWN = 20;

/**
 * Summarises a run folder from its files (streamed when large, so memory does
 * not grow with the number of conversations), writes summary.json, then every
 * reporter.
 */
export async function finalizeRun(outDir: string, meta: RunMeta, reporters: readonly Reporter[], finishedAt: Date, options: FinalizeOptions = {}): Promise<RunSummary> {
  return (await finalizeRunWith(outDir, meta, reporters, finishedAt, options)).summary;
}

/** finalizeRun, also returning the baseline comparison and the latest/ pointer. */
export async function finalizeRunWith(outDir: string, meta: RunMeta, reporters: readonly Reporter[], finishedAt: Date, options: FinalizeOptions = {}): Promise<FinalizedRun> {
  const files = await openRunFiles(outDir);
  const builder = new SummaryBuilder();
  const snapshot = new SnapshotBuilder(meta.kind);
  const covered = new RunCoverageBuilder(options.coverage?.policyOf);
  const errors: ReportExamples['errors'] = [];
  let errorCount = 0;
  for await (const record of files.transcripts()) {
    builder.addConversation(record);
    snapshot.add(record);
    covered.add(record);
    if (record.error) {
      errorCount += 1;
      if (errors.length < ERRORS_SHOWN) errors.push({ conversationId: record.id, ...record.error });
    }
  }
  const examples = new Map<FailureClass, { failures: Failure[]; total: number }>();
  for await (const failure of files.failures()) {
    builder.addFailure(failure);
    covered.addFailure(failure);
    let entry = examples.get(failure.class);
    if (!entry) examples.set(failure.class, (entry = { failures: [], total: 0 }));
    entry.total += 1;
    if (entry.failures.length < EXAMPLES_PER_CLASS) entry.failures.push(failure);
  }
  const totals = builder.totals();
  const modelCalls = builder.modelCalls();
  const errorsByCode = builder.errorsByCode();
  const summary: RunSummary = {
    schemaVersion: 1,
    ...meta,
    finishedAt: finishedAt.toISOString(),
    durationMs: Math.max(0, finishedAt.getTime() - Date.parse(meta.startedAt)),
    totals,
    failuresByClass: builder.failuresByClass(),
    ...(modelCalls ? { modelCalls } : {}),
    ...withUsage(summarizeUsage(builder.usage(), options.prices)),
    ...(errorsByCode ? { errorsByCode } : {}),
    scenarios: builder.scenarioSummaries(),
    exitCode: exitCodeFor(totals),
  };
  const extras = await prepareExtras(outDir, summary, snapshot.build(), options);
  // With a baseline, CI's verdict is the comparison's (--fail-on), not "any failure".
  if (extras.baseline) summary.exitCode = extras.baseline.exitCode;
  await writeFileAtomic(join(outDir, RUN_FILES.summary), `${JSON.stringify(summary, null, 2)}\n`);
  const classes = [...examples.entries()].map(([cls, e]) => ({ class: cls, title: DETECTORS[cls]?.title ?? '', total: e.total, failures: e.failures, more: e.total - e.failures.length }));
  const context = { ...extras, coverage: withOccurrences(options.coverage?.planned, covered), outDir, summary, examples: { classes, errors, moreErrors: errorCount - errors.length }, transcripts: files.transcripts, failures: files.failures };
  // Each writes its own file: together, one's file I/O overlaps another's rendering.
  const written = await Promise.allSettled(reporters.map((reporter) => reporter.write(context)));
  const failed = written.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  const latest = options.historyDir ? await pointLatest(options.historyDir, outDir) : undefined;
  return { summary, ...(extras.baseline ? { comparison: extras.baseline } : {}), ...(latest ? { latest } : {}) };
}

function withUsage(usage: UsageSummary | undefined): { usage?: UsageSummary } {
  return usage ? { usage } : {};
}
