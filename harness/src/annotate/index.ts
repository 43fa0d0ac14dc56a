export * from './acts.js';
export type { Tagger, TagContext } from './tagger.js';
export { createOfflineTagger, taskModel, tagMessages, tagAssistant, tagUser, type TaskModel } from './offline-tagger.js';
export { normalizeValue, normalizeForSlot, sameValue, referenceDate } from './normalize.js';
export { buildLexicon, type Lexicon } from './lexicon.js';
export { slotTypeOf } from './slot-types.js';
export { annotateConversation, type AnnotatedConversation } from './annotate.js';
