export type { ChatModel, ChatRequest, ChatResult, ChatCallOptions, ChatUsage } from './chat-model.js';
export { createOpenAIChatModel, describeEndpoint, type EndpointConfig } from './openai-chat-model.js';
export { withEndpointLimits, withConcurrencyLimit, estimateTokens, type EndpointLimits } from './limited-model.js';
export { createTokenBucket, type TokenBucket } from './rate-limiter.js';
export { withRetries, backoff, DEFAULT_RETRY_POLICY, type RetryPolicy, type RetryEvent, type RetryDeps } from './retrying-model.js';
export { withCallCache, callKey, unreachableModel, RecordedCallSchema, type CacheMode, type RecordedCall } from './cached-model.js';
export { mapModelError, retryAfterMs, ModelCallError } from './map-error.js';
export { completeStructured, parseJsonAnswer, type StructuredResult } from './structured.js';
export { createModelClient, type ModelClientOptions } from './client.js';
