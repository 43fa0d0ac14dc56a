import type { ModelEndpoint } from '../config.js';
import type { ChatModel } from '../model/chat-model.js';
import type { ModelClientOptions } from '../model/client.js';
import type { ModelPool } from '../model/model-pool.js';

/**
 * Builds the model client, loading the openai SDK only now: commands that
 * need no model (analyze, validate, compare, --help) start without it.
 */
export async function openModelClient(endpoint: ModelEndpoint, options: ModelClientOptions, fetchImpl?: typeof fetch): Promise<ChatModel> {
  const { createModelClient } = await import('../model/client.js');
  return createModelClient(endpoint, options, fetchImpl);
}

/** The run's model clients, one per endpoint, each made when first used (an HTTP-only suite needs none). */
export async function openModelPool(endpoint: ModelEndpoint, options: ModelClientOptions, fetchImpl?: typeof fetch): Promise<ModelPool> {
  const { createModelPool } = await import('../model/model-pool.js');
  return createModelPool(endpoint, options, fetchImpl);
}
