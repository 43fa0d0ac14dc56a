export * from './schema.js';
export { DEFAULT_GUIDE_NAME, guidePaths, loadGuide, saveGuide, emptyGuide } from './store.js';
export { renderGuideMarkdown } from './markdown.js';
export { mergeVerified, recordSeed, recordUngeneralisedFix, provenanceKey, type MergeVerdict, type GuideMergeResult } from './merge.js';
export { checkPromptAgainstGuide, GuideVerdictSchema, type GuideCheckOptions, type GuideCheckResult, type GuideVerdict } from './check.js';
export { principlesByClass, type PrincipleLink } from './links.js';
