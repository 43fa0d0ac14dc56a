import PQueue from 'p-queue';
import type { ChatModel, ChatRequest } from './chat-model.js';
import { createTokenBucket, type BucketDeps } from './rate-limiter.js';

/** What one endpoint allows. */
export interface EndpointLimits {
  /** Calls in flight at once. */
  concurrency: number;
  /** Requests per minute. */
  rpm?: number;
  /** Tokens (prompt + completion) per minute. */
  tpm?: number;
}

/**
 * Bounds the calls to one endpoint: concurrency, requests and tokens per
 * minute. Created once per endpoint at the top of a run and wrapped around its
 * model; callers never acquire it twice (the retry policy sits outside, so a
 * backoff wait does not hold a slot). Tokens are estimated before a call and
 * corrected from the reported usage after it. Waiting calls go by their
 * `priority` (higher first), then in order of arrival.
 */
export function withEndpointLimits(model: ChatModel, limits: EndpointLimits, deps: BucketDeps = {}): ChatModel {
  const slots = new PQueue({ concurrency: limits.concurrency });
  const requests = limits.rpm ? createTokenBucket(limits.rpm, deps) : undefined;
  const tokens = limits.tpm ? createTokenBucket(limits.tpm, deps) : undefined;
  return {
    endpoint: model.endpoint,
    complete: (request, options) =>
      inSlot(slots, options ?? {}, async () => {
        const estimate = tokens ? estimateTokens(request) : 0;
        await requests?.take(1, options?.signal);
        await tokens?.take(estimate, options?.signal);
        const result = await model.complete(request, options);
        if (tokens && result.usage) tokens.adjust(result.usage.promptTokens + result.usage.completionTokens - estimate);
        return result;
      }),
  };
}

/** What a call brings to a queue: its place (higher `priority` first), who hears that it waits, and its signal. */
export interface QueuedCall {
  priority?: number;
  onQueue?: (queued: boolean) => void;
  signal?: AbortSignal | undefined;
}

/**
 * Runs `call` when one of `slots` is free, by priority. `onQueue` hears
 * when the call starts and stops waiting (a conversation's clock stops
 * meanwhile); a call whose signal aborted while it waited does not run.
 */
export function inSlot<T>(slots: PQueue, queued: QueuedCall, call: () => Promise<T>): Promise<T> {
  queued.onQueue?.(true);
  return slots.add(
    () => {
      queued.onQueue?.(false);
      if (queued.signal?.aborted) throw queued.signal.reason;
      return call();
    },
    { priority: queued.priority ?? 0 },
  );
}

/** Rough count before the call: four characters a token, plus the reply's budget. */
export function estimateTokens(request: ChatRequest): number {
  let chars = 0;
  for (const message of request.messages) chars += (message.content ?? '').length + ('tool_calls' in message && message.tool_calls ? JSON.stringify(message.tool_calls).length : 0);
  if (request.tools) chars += JSON.stringify(request.tools).length;
  return Math.ceil(chars / 4) + (request.maxTokens ?? 256);
}

/** Concurrency only: `withEndpointLimits(model, { concurrency })`. */
export function withConcurrencyLimit(model: ChatModel, concurrency: number): ChatModel {
  return withEndpointLimits(model, { concurrency });
}
