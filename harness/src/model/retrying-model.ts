import { SlotcheckError } from '../core/errors.js';
import { realSleep, type Sleep } from '../core/sleep.js';
import type { ChatCallOptions, ChatModel, ChatRequest, ChatResult } from './chat-model.js';
import { ModelCallError } from './map-error.js';

/** When and how long to retry a failed model call. */
export interface RetryPolicy {
  /** Retries of transient failures (429, 5xx, 408/409, connection errors, call time-outs). */
  retries: number;
  /** Retries of unusable output (no choice, invalid tool-call JSON, empty message). */
  outputRetries: number;
  /** First backoff; doubles each attempt, with jitter. */
  baseDelayMs: number;
  /** Cap on one wait, Retry-After included. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 3, outputRetries: 1, baseDelayMs: 500, maxDelayMs: 60_000 };

/** One retry about to happen, for progress and logs. */
export interface RetryEvent {
  code: string;
  attempt: number;
  delayMs: number;
}

export interface RetryDeps {
  sleep?: Sleep;
  /** Uniform in [0, 1); injected so tests see fixed delays. */
  random?: () => number;
  onRetry?: (event: RetryEvent) => void;
}

/**
 * Retries transient failures with exponential backoff and jitter, waiting at
 * least what Retry-After asks; retries unusable output separately (a new
 * sample may be fine). The SDK's own retries must be off (maxRetries 0), so
 * every attempt is counted here and reported on the result as `retried`.
 */
export function withRetries(model: ChatModel, policy: RetryPolicy, deps: RetryDeps = {}): ChatModel {
  const sleep = deps.sleep ?? realSleep;
  const random = deps.random ?? Math.random;
  return {
    endpoint: model.endpoint,
    async complete(request: ChatRequest, options: ChatCallOptions = {}): Promise<ChatResult> {
      const retried: string[] = [];
      let transient = 0;
      let output = 0;
      for (;;) {
        try {
          const result = await model.complete(request, options);
          return retried.length > 0 ? { ...result, retried: [...(result.retried ?? []), ...retried] } : result;
        } catch (error) {
          if (options.signal?.aborted || !(error instanceof SlotcheckError)) throw error;
          const isOutput = error.code === 'MODEL_OUTPUT_INVALID';
          const retryable = isOutput ? output < policy.outputRetries : error instanceof ModelCallError && error.transient && transient < policy.retries;
          if (!retryable) throw withAttempts(error, retried.length + 1);
          if (isOutput) output += 1;
          else transient += 1;
          const delayMs = isOutput ? 0 : backoff(transient, error, policy, random);
          retried.push(error.code);
          deps.onRetry?.({ code: error.code, attempt: retried.length, delayMs });
          if (delayMs > 0) await sleep(delayMs, options.signal);
        }
      }
    },
  };
}

/**
 * Retry-After when the endpoint gave one (plus up to 10 % spread, so waiting
 * callers do not all return at once); otherwise exponential backoff with
 * equal jitter: half the step fixed, half random.
 */
export function backoff(attempt: number, error: SlotcheckError, policy: RetryPolicy, random: () => number): number {
  const asked = error instanceof ModelCallError ? error.retryAfterMs : undefined;
  if (asked !== undefined) return Math.round(Math.min(policy.maxDelayMs, asked + random() * Math.min(asked * 0.1, 1000)));
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

function withAttempts(error: SlotcheckError, attempts: number): SlotcheckError {
  if (attempts === 1) return error;
  const message = `${error.message} (after ${attempts} attempts)`;
  return error instanceof ModelCallError ? new ModelCallError(error.code, message, error.retryAfterMs, error.status) : new SlotcheckError(error.code, message);
}
