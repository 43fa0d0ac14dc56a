/**
 * `slotcheck/vitest`: slotcheck scenarios as tests in your own vitest run.
 *
 *   import { describeScenarios } from 'slotcheck/vitest';
 *   describeScenarios('scenarios/restaurant', { model: 'gpt-4o-mini', trials: 2 });
 */
export { describeScenarios } from './describe-scenarios.js';
export { ScenarioFailure, ScenarioNotJudged } from './failure-message.js';
export type { ScenarioTestOptions } from './options.js';
