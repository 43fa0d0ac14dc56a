import type { BotCallSettings } from '../bot/driver.js';
import type { ChatModel } from './chat-model.js';

// Apart from model-pool.ts, which builds clients: a run handed its models needs no SDK loaded.

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
