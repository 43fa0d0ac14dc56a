import { SlotcheckError } from '../core/errors.js';
import { isModelConfigured, type ModelEndpoint } from '../config.js';
import type { ChatModel } from './chat-model.js';
import { unreachableModel, withCallCache, type CacheMode } from './cached-model.js';
import { createOpenAIChatModel } from './openai-chat-model.js';
import { withEndpointLimits } from './limited-model.js';
import { DEFAULT_RETRY_POLICY, withRetries, type RetryEvent } from './retrying-model.js';
import { withTokenBudget, type TokenBudget } from './token-budget.js';

export interface ModelClientOptions {
  concurrency: number;
  callTimeoutMs: number;
  retries: number;
  rpm?: number;
  tpm?: number;
  /** The call cache (record/replay); off when absent. `keySalt` keeps an endpoint's recordings apart. */
  cache?: { mode: CacheMode; dir: string; keySalt?: string };
  onRetry?: (event: RetryEvent) => void;
  /** Stops the run before a call would pass this many tokens (`--max-tokens`). */
  budget?: TokenBudget;
}

/**
 * One client per endpoint, created at the top of a run and passed down:
 * cache → token budget → retries → limits (concurrency, rpm, tpm) → openai
 * SDK (its own retries off). A replay needs no endpoint: every call must be a recording.
 */
export function createModelClient(endpoint: ModelEndpoint, options: ModelClientOptions, fetchImpl?: typeof fetch): ChatModel {
  const replay = options.cache?.mode === 'replay';
  if (!replay && !isModelConfigured(endpoint)) {
    throw new SlotcheckError('MODEL_NOT_CONFIGURED', 'no model configured: set OPENAI_BASE_URL (e.g. http://localhost:11434/v1 for Ollama) and/or OPENAI_API_KEY');
  }
  const live = replay ? unreachableModel('replay: no recorded answer, and a replay never calls the endpoint') : liveModel(endpoint, options, fetchImpl);
  return options.cache ? withCallCache(live, options.cache.mode, options.cache.dir, options.cache.keySalt) : live;
}

function liveModel(endpoint: ModelEndpoint, options: ModelClientOptions, fetchImpl?: typeof fetch): ChatModel {
  const sdk = createOpenAIChatModel({
    ...(endpoint.baseURL ? { baseURL: endpoint.baseURL } : {}),
    // Local OpenAI-compatible servers accept any key; the SDK insists on one.
    apiKey: endpoint.apiKey ?? 'no-key',
    ...(endpoint.headers ? { headers: endpoint.headers } : {}),
    timeoutMs: options.callTimeoutMs,
    maxRetries: 0,
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
  const limited = withEndpointLimits(sdk, { concurrency: options.concurrency, ...(options.rpm ? { rpm: options.rpm } : {}), ...(options.tpm ? { tpm: options.tpm } : {}) });
  const retrying = withRetries(limited, { ...DEFAULT_RETRY_POLICY, retries: options.retries }, options.onRetry ? { onRetry: options.onRetry } : {});
  return options.budget ? withTokenBudget(retrying, options.budget) : retrying;
}
