export { refineRun, refineExitCode, type RefineResult } from './refine.js';
export type { RefineOptions, RefineDeps } from './session.js';
export * from './report-schema.js';
export { PromptPatchSchema, PromptEditSchema, applyPatch, describePatch, type PromptPatch, type PromptEdit } from './patch.js';
export { SEED_PRINCIPLES } from './seeds.js';
export { readRunEvidence, type FailureGroup, type RunEvidence } from './evidence.js';
export { judgeVerification, findRegressions } from './verify.js';
