export * from './labels.js';
export * from './metrics.js';
export { checkLabelIndices, loadLabels } from './load-labels.js';
export { scoreFailures, type Predictions } from './score-failures.js';
export { formatMetrics } from './format-metrics.js';
export { ActTally, scoreActs, type ActScores } from './score-acts.js';
