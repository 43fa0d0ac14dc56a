import type { Failure, FailureClass } from '../detect/failure.js';
import { DETECTORS } from '../detect/registry.js';
import { loadTemplate } from '../core/template.js';
import type { ConversationError } from '../transcript/record.js';
import type { RunSummary } from './summary.js';

/** Failures and errors the report shows as examples. */
export interface ReportExamples {
  classes: Array<{ class: FailureClass; title: string; total: number; failures: Failure[]; more: number }>;
  errors: Array<{ conversationId: string } & ConversationError>;
  moreErrors: number;
}

/** report.md: a page a person reads, rendered from `templates/report.md.hbs`. */
export async function renderMarkdownReport(summary: RunSummary, examples: ReportExamples): Promise<string> {
  const template = await loadTemplate('report.md.hbs', { noEscape: true });
  const classes = Object.entries(summary.failuresByClass)
    .map(([id, count]) => ({ id, count, title: DETECTORS[id as FailureClass]?.title ?? '' }))
    .sort((a, b) => b.count - a.count);
  return template({ summary, classes, examples: examples.classes, errors: examples.errors });
}
