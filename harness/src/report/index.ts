export * from './summary.js';
export { RunWriter, type RunMeta } from './run-writer.js';
export { renderMarkdownReport, type ReportExamples } from './markdown.js';
