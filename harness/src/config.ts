import { SlotcheckError } from './core/errors.js';
import { createOpenAIChatModel, withConcurrencyLimit, type ChatModel } from './model/index.js';

/** Where the model lives, read from the environment at the CLI edge only. */
export interface ModelEndpoint {
  baseURL?: string;
  apiKey?: string;
}

export function endpointFromEnv(env: NodeJS.ProcessEnv): ModelEndpoint {
  return {
    ...(env.OPENAI_BASE_URL ? { baseURL: env.OPENAI_BASE_URL } : {}),
    ...(env.OPENAI_API_KEY ? { apiKey: env.OPENAI_API_KEY } : {}),
  };
}

/** A model is configured when there is a key (OpenAI) or a base URL (a local server needs no key). */
export function isModelConfigured(endpoint: ModelEndpoint): boolean {
  return Boolean(endpoint.apiKey || endpoint.baseURL);
}

export interface ModelClientOptions {
  concurrency: number;
  callTimeoutMs: number;
  retries: number;
}

/** One limited client per endpoint, created at the top of a run and passed down. */
export function createModelClient(endpoint: ModelEndpoint, options: ModelClientOptions, fetchImpl?: typeof fetch): ChatModel {
  if (!isModelConfigured(endpoint)) {
    throw new SlotcheckError('MODEL_NOT_CONFIGURED', 'no model configured: set OPENAI_BASE_URL (e.g. http://localhost:11434/v1 for Ollama) and/or OPENAI_API_KEY');
  }
  const model = createOpenAIChatModel({
    ...(endpoint.baseURL ? { baseURL: endpoint.baseURL } : {}),
    // Local OpenAI-compatible servers accept any key; the SDK insists on one.
    apiKey: endpoint.apiKey ?? 'no-key',
    timeoutMs: options.callTimeoutMs,
    maxRetries: options.retries,
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
  return withConcurrencyLimit(model, options.concurrency);
}
