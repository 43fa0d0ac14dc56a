export * from './schema.js';
export * from './record.js';
export { openConversations, loadTaskFile, ImportedConversationSchema, type ImportedConversation, type ConversationSource } from './load.js';
