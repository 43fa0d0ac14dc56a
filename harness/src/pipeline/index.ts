export { runSuite, resumeRun, type RunSuiteOptions, type ResumeOptions } from './run.js';
export { analyzeFile, type AnalyzeOptions } from './analyze-file.js';
export type { PipelineDeps, PipelineResult } from './run-output.js';
export { newRunId } from './run-setup.js';
export { judgeConversation, judgeOrError, toFailures, type JudgeContext } from './judge.js';
export { coverageOf, type CoverageOptions } from './coverage.js';
export { regressionScenarios, type RegressionOptions } from './regression-scenarios.js';
export { connectBots } from './connect-bots.js';
