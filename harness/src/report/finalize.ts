import { join } from 'node:path';
import { writeFileAtomic } from '../core/files.js';
import type { Failure, FailureClass } from '../detect/failure.js';
import { DETECTORS } from '../detect/registry.js';
import type { Reporter, ReportExamples } from './reporter.js';
import { RUN_FILES, streamFailures, streamTranscripts } from './run-files.js';
import { SummaryBuilder, exitCodeFor, type RunMeta, type RunSummary } from './summary.js';

const EXAMPLES_PER_CLASS = 5;
const ERRORS_SHOWN = 20;

/**
 * Summarises a run folder from its files (streaming, so memory does not grow
 * with the number of conversations), writes summary.json, then every reporter.
 */
export async function finalizeRun(outDir: string, meta: RunMeta, reporters: readonly Reporter[], finishedAt: Date): Promise<RunSummary> {
  const builder = new SummaryBuilder();
  const errors: ReportExamples['errors'] = [];
  let errorCount = 0;
  for await (const record of streamTranscripts(outDir)) {
    builder.addConversation(record);
    if (record.error) {
      errorCount += 1;
      if (errors.length < ERRORS_SHOWN) errors.push({ conversationId: record.id, ...record.error });
    }
  }
  const examples = new Map<FailureClass, { failures: Failure[]; total: number }>();
  for await (const failure of streamFailures(outDir)) {
    builder.addFailure(failure);
    let entry = examples.get(failure.class);
    if (!entry) examples.set(failure.class, (entry = { failures: [], total: 0 }));
    entry.total += 1;
    if (entry.failures.length < EXAMPLES_PER_CLASS) entry.failures.push(failure);
  }
  const totals = builder.totals();
  const modelCalls = builder.modelCalls();
  const summary: RunSummary = {
    schemaVersion: 1,
    ...meta,
    finishedAt: finishedAt.toISOString(),
    durationMs: Math.max(0, finishedAt.getTime() - Date.parse(meta.startedAt)),
    totals,
    failuresByClass: builder.failuresByClass(),
    ...(modelCalls ? { modelCalls } : {}),
    scenarios: builder.scenarioSummaries(),
    exitCode: exitCodeFor(totals),
  };
  await writeFileAtomic(join(outDir, RUN_FILES.summary), `${JSON.stringify(summary, null, 2)}\n`);
  const classes = [...examples.entries()].map(([cls, e]) => ({ class: cls, title: DETECTORS[cls]?.title ?? '', total: e.total, failures: e.failures, more: e.total - e.failures.length }));
  const context = { outDir, summary, examples: { classes, errors, moreErrors: errorCount - errors.length }, transcripts: () => streamTranscripts(outDir), failures: () => streamFailures(outDir) };
  for (const reporter of reporters) await reporter.write(context);
  return summary;
}
