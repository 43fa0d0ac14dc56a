import { SlotcheckError } from '../core/errors.js';
import type { BotCallSettings } from '../bot/driver.js';
import { isModelConfigured, type ModelEndpoint } from '../config.js';
import type { ChatModel } from './chat-model.js';
import { createModelClient, type ModelClientOptions } from './client.js';
import { describeEndpoint } from './endpoint.js';

/**
 * The model clients of a run, one per endpoint (each with its own limits),
 * made when first asked for: a suite of HTTP bots needs no model endpoint
 * at all, and two prompt bots can compare two providers in one run.
 */
export interface ModelPool {
  /** The run's default endpoint (OPENAI_BASE_URL, OPENAI_API_KEY); MODEL_NOT_CONFIGURED when there is none. */
  defaultModel(): ChatModel;
  /** A bot's own endpoint (its `baseURL`, and the key its `apiKeyEnv` names). */
  forEndpoint(endpoint: { baseURL: string; apiKey?: string }): ChatModel;
  /** How calls to HTTP and module bots are made: the same time-out, retries, concurrency and cache. */
  readonly botCalls: BotCallSettings;
}

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

/** One model for every endpoint: library callers and tests that pass a single client. */
export function singleModelPool(model: ChatModel, botCalls: Partial<BotCallSettings> & { concurrency: number }): ModelPool {
  return {
    defaultModel: () => model,
    forEndpoint: () => model,
    botCalls: { callTimeoutMs: 60_000, retries: 3, ...botCalls },
  };
}

export function isModelPool(value: ChatModel | ModelPool): value is ModelPool {
  return typeof (value as ModelPool).defaultModel === 'function';
}
