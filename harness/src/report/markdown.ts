import { join } from 'node:path';
import type { FailureClass } from '../detect/failure.js';
import { DETECTORS } from '../detect/registry.js';
import { writeFileAtomic } from '../core/files.js';
import { loadTemplate } from '../core/template.js';
import type { ReportContext, ReportExamples, Reporter } from './reporter.js';
import type { SinceLast } from './since-last.js';
import type { RunSummary } from './summary.js';
import { usageView } from './usage-view.js';
import { coverageMarkdown } from '../coverage/markdown.js';
import type { Coverage } from '../coverage/schema.js';

/** report.md: a page a person reads, rendered from `templates/report.md.hbs`. */
export async function renderMarkdownReport(summary: RunSummary, examples: ReportExamples, sinceLast?: SinceLast, coverage?: Coverage): Promise<string> {
  const template = await loadTemplate('report.md.hbs', { noEscape: true });
  const classes = Object.entries(summary.failuresByClass)
    .map(([id, count]) => ({ id, count, title: DETECTORS[id as FailureClass]?.title ?? '' }))
    .sort((a, b) => b.count - a.count);
  return template({ summary, judged: summary.totals.passed + summary.totals.failed > 0, classes, examples: examples.classes, errors: examples.errors, moreErrors: examples.moreErrors, sinceLast, usage: usageView(summary) ?? null, coverage: coverage && coverage.bots.length > 0 ? await coverageMarkdown(coverage) : null });
}

export const markdownReporter: Reporter = {
  id: 'markdown',
  file: 'report.md',
  async write(context: ReportContext) {
    await writeFileAtomic(join(context.outDir, 'report.md'), await renderMarkdownReport(context.summary, context.examples, context.sinceLast, context.coverage));
  },
};
