import { SlotcheckError } from '../core/errors.js';
import { isModelConfigured, type ModelEndpoint } from '../config.js';
import type { ChatModel } from './chat-model.js';
import { createModelClient, type ModelClientOptions } from './client.js';
import { describeEndpoint } from './endpoint.js';
import type { ModelPool } from './model-pool-interface.js';

export { isModelPool, singleModelPool, type ModelPool } from './model-pool-interface.js';

/** The CLI's pool: every client with the run's options; a bot's own endpoint keys its recordings apart. */
export function createModelPool(defaultEndpoint: ModelEndpoint, options: ModelClientOptions, fetchImpl?: typeof fetch): ModelPool {
  const clients = new Map<string, ChatModel>();
  const replay = options.cache?.mode === 'replay';
  let fallback: ChatModel | undefined;
  return {
    defaultModel() {
      if (!replay && !isModelConfigured(defaultEndpoint)) {
        throw new SlotcheckError('MODEL_NOT_CONFIGURED', 'no model configured: set OPENAI_BASE_URL (e.g. http://localhost:11434/v1 for Ollama) and/or OPENAI_API_KEY, or give the prompt bot its own baseURL in bot.yaml');
      }
      return (fallback ??= createModelClient(defaultEndpoint, options, fetchImpl));
    },
    forEndpoint(endpoint) {
      const key = `${endpoint.baseURL}\n${endpoint.apiKey ?? ''}`;
      let client = clients.get(key);
      if (!client) {
        // Two bots with the same prompt and model name on two endpoints must not share recordings.
        const cache = options.cache ? { ...options.cache, keySalt: describeEndpoint(endpoint.baseURL) } : undefined;
        client = createModelClient({ baseURL: endpoint.baseURL, apiKey: endpoint.apiKey ?? 'no-key' }, { ...options, ...(cache ? { cache } : {}) }, fetchImpl);
        clients.set(key, client);
      }
      return client;
    },
    botCalls: { concurrency: options.concurrency, callTimeoutMs: options.callTimeoutMs, retries: options.retries, ...(options.cache ? { cache: options.cache } : {}) },
  };
}
