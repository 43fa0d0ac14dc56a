import type { ModelEndpoint } from '../config.js';
import type { ChatModel } from '../model/chat-model.js';
import type { ModelClientOptions } from '../model/client.js';

/**
 * Builds the model client, loading the openai SDK only now: commands that
 * need no model (analyze, validate, compare, --help) start without it.
 */
export async function openModelClient(endpoint: ModelEndpoint, options: ModelClientOptions, fetchImpl?: typeof fetch): Promise<ChatModel> {
  const { createModelClient } = await import('../model/client.js');
  return createModelClient(endpoint, options, fetchImpl);
}
