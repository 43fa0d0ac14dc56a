import pLimit from 'p-limit';
import type { ChatModel } from './chat-model.js';

/**
 * Bounds the calls in flight to one endpoint. Created once per endpoint at the
 * top of a run and wrapped around its model; callers never acquire it twice.
 */
export function withConcurrencyLimit(model: ChatModel, concurrency: number): ChatModel {
  const limit = pLimit(concurrency);
  return {
    endpoint: model.endpoint,
    complete: (request, options) => limit(() => model.complete(request, options)),
  };
}
