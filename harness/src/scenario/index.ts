export * from './schema.js';
export { loadSuite, type Suite, type LoadSuiteOptions } from './load.js';
export { finalGoal, expectedArgs } from './goal.js';
export { generateScenarios, GENERATED_MARK, DEFAULT_TODAY, type GenerateOptions, type GenerateResult } from './generate.js';
export { MatrixSpecSchema, taskMatrix, type MatrixSpec, type TaskMatrix } from './matrix.js';
export { pairwise, fullProduct, type Factor, type Cell } from './pairwise.js';
export { regressionDraft, type RegressionDraft } from './from-transcript.js';
export { scenarioYaml } from './write-yaml.js';
