export * from './schema.js';
export { suiteCoverage } from './suite-coverage.js';
export { RunCoverageBuilder } from './run-coverage.js';
export { withOccurrences } from './combine.js';
export { coverageView, type BotCoverageView, type CoverageRow } from './view.js';
export { coverageMarkdown } from './markdown.js';
export { mainAction } from '../scenario/main-action.js';
