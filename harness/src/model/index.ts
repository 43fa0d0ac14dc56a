export type { ChatModel, ChatRequest, ChatResult, ChatCallOptions, ChatUsage } from './chat-model.js';
export { createOpenAIChatModel, type EndpointConfig } from './openai-chat-model.js';
export { withConcurrencyLimit } from './limited-model.js';
export { mapModelError } from './map-error.js';
export { completeStructured, parseJsonAnswer, type StructuredResult } from './structured.js';
