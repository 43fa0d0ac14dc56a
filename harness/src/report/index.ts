export * from './summary.js';
export type { Reporter, ReportContext, ReportExamples } from './reporter.js';
export { REPORTERS, resolveReporters } from './registry.js';
export { RunWriter } from './run-writer.js';
export { finalizeRun } from './finalize.js';
export { RUN_FILES, streamTranscripts, streamFailures, streamRunFile } from './run-files.js';
export { renderMarkdownReport, markdownReporter } from './markdown.js';
export { mergeRuns, type MergeOptions, type MergeResult } from './merge.js';
export { readRunMeta, repairRunFolder } from './run-folder.js';
