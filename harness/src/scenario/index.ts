export * from './schema.js';
export { loadSuite, type Suite, type LoadSuiteOptions } from './load.js';
export { finalGoal, expectedArgs } from './goal.js';
