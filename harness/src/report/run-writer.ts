import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { JsonlAppender, writeFileAtomic } from '../core/files.js';
import type { Failure, FailureClass } from '../detect/failure.js';
import { DETECTORS } from '../detect/registry.js';
import type { ConversationRecord } from '../transcript/record.js';
import { renderMarkdownReport, type ReportExamples } from './markdown.js';
import { SummaryBuilder, exitCodeFor, type RunSummary } from './summary.js';

const EXAMPLES_PER_CLASS = 5;
const ERRORS_SHOWN = 20;

/** Facts about a run that the writer does not see conversation by conversation. */
export type RunMeta = Omit<RunSummary, 'schemaVersion' | 'totals' | 'failuresByClass' | 'scenarios' | 'exitCode' | 'finishedAt' | 'durationMs'>;

/**
 * Writes a run folder as conversations finish: each conversation and its
 * failures are appended at once, so an interrupted run keeps every
 * conversation it completed. Summary and report are written at the end.
 */
export class RunWriter {
  private readonly summary = new SummaryBuilder();
  private readonly examples = new Map<FailureClass, { failures: Failure[]; total: number }>();
  private readonly errors: ReportExamples['errors'] = [];
  private errorCount = 0;

  private constructor(
    readonly outDir: string,
    private readonly transcripts: JsonlAppender,
    private readonly failures: JsonlAppender,
  ) {}

  static async create(outDir: string): Promise<RunWriter> {
    await mkdir(outDir, { recursive: true });
    return new RunWriter(outDir, await JsonlAppender.open(join(outDir, 'transcripts.jsonl')), await JsonlAppender.open(join(outDir, 'failures.jsonl')));
  }

  /** Appends one judged conversation; `groupKey` is its scenario id (or task name when imported). */
  async write(record: ConversationRecord, failures: readonly Failure[], groupKey: string): Promise<void> {
    await this.transcripts.append(record);
    for (const failure of failures) await this.failures.append(failure);
    this.summary.add(record, groupKey, failures.map((f) => f.class));
    for (const failure of failures) this.keepExample(failure);
    if (record.error) {
      this.errorCount += 1;
      if (this.errors.length < ERRORS_SHOWN) this.errors.push({ conversationId: record.id, ...record.error });
    }
  }

  async finish(meta: RunMeta, finishedAt: Date): Promise<RunSummary> {
    await this.transcripts.close();
    await this.failures.close();
    const totals = this.summary.totals();
    const summary: RunSummary = {
      schemaVersion: 1,
      ...meta,
      finishedAt: finishedAt.toISOString(),
      durationMs: Math.max(0, finishedAt.getTime() - Date.parse(meta.startedAt)),
      totals,
      failuresByClass: this.summary.failuresByClass(),
      scenarios: this.summary.scenarioSummaries(),
      exitCode: exitCodeFor(totals),
    };
    await writeFileAtomic(join(this.outDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
    await writeFileAtomic(join(this.outDir, 'report.md'), await renderMarkdownReport(summary, this.reportExamples()));
    return summary;
  }

  private keepExample(failure: Failure): void {
    let entry = this.examples.get(failure.class);
    if (!entry) this.examples.set(failure.class, (entry = { failures: [], total: 0 }));
    entry.total += 1;
    if (entry.failures.length < EXAMPLES_PER_CLASS) entry.failures.push(failure);
  }

  private reportExamples(): ReportExamples {
    const classes = [...this.examples.entries()].map(([cls, e]) => ({
      class: cls,
      title: DETECTORS[cls]?.title ?? '',
      total: e.total,
      failures: e.failures,
      more: e.total - e.failures.length,
    }));
    return { classes, errors: this.errors, moreErrors: this.errorCount - this.errors.length };
  }
}
