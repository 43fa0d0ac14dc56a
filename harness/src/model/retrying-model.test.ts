import { afterEach, describe, expect, it } from 'vitest';
import { SlotcheckError } from '../core/errors.js';
import { startFakeOpenAIServer, type FakeServer, type FaultOptions } from '../testing/index.js';
import type { ChatModel } from './chat-model.js';
import { withEndpointLimits } from './limited-model.js';
import { createOpenAIChatModel } from './openai-chat-model.js';
import { backoff, withRetries, type RetryEvent } from './retrying-model.js';
import { ModelCallError } from './map-error.js';

let server: FakeServer | undefined;
afterEach(async () => server?.close());

const ask = { model: 'careful', messages: [{ role: 'user' as const, content: 'hi' }], tools: [{ type: 'function' as const, function: { name: 'book_table', description: 'Book', parameters: { type: 'object', properties: {} } } }] };

/** The production stack (retries → limits → SDK with its retries off), with waits recorded instead of slept. */
async function stack(faults: FaultOptions, options: { retries?: number; callTimeoutMs?: number } = {}) {
  server = await startFakeOpenAIServer({ faults });
  const waits: number[] = [];
  const events: RetryEvent[] = [];
  const sdk = createOpenAIChatModel({ baseURL: server.url, apiKey: 'sk-test', timeoutMs: options.callTimeoutMs ?? 5000, maxRetries: 0 });
  const model: ChatModel = withRetries(
    withEndpointLimits(sdk, { concurrency: 4 }),
    { retries: options.retries ?? 2, outputRetries: 1, baseDelayMs: 100, maxDelayMs: 10_000 },
    { sleep: async (ms) => void waits.push(ms), random: () => 0.5, onRetry: (e) => events.push(e) },
  );
  return { model, waits, events };
}

const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e as SlotcheckError);

describe('retries against each injected fault', () => {
  it('429: retried after what Retry-After asks, then MODEL_RATE_LIMITED with the attempts counted', async () => {
    const { model, waits, events } = await stack({ rateLimited: 1, retryAfterMs: 1500 });
    const error = await failure(model.complete(ask));
    expect(error?.code).toBe('MODEL_RATE_LIMITED');
    expect(error?.message).toMatch(/after 3 attempts/);
    expect(server!.stats.chat).toBe(3);
    expect(waits.every((ms) => ms >= 1500 && ms <= 1650)).toBe(true);
    expect(events.map((e) => e.code)).toEqual(['MODEL_RATE_LIMITED', 'MODEL_RATE_LIMITED']);
  });

  it('500, a reset connection and a hang are retried with exponential backoff', async () => {
    for (const [fault, code] of [['serverError', 'MODEL_SERVER'], ['reset', 'MODEL_CONNECTION'], ['hang', 'MODEL_TIMEOUT']] as const) {
      const { model, waits } = await stack({ [fault]: 1 }, { callTimeoutMs: 150 });
      expect((await failure(model.complete(ask)))?.code).toBe(code);
      expect(server!.stats.chat).toBe(3);
      expect(waits).toEqual([75, 150]);
      await server!.close();
      server = undefined;
    }
  });

  it('a transient fault then an answer: the result says what was retried', async () => {
    const { model } = await stack({ rateLimited: 0.5, seed: 7 }, { retries: 10 });
    const results = await Promise.all(Array.from({ length: 12 }, () => model.complete(ask)));
    const retried = results.flatMap((r) => r.retried ?? []);
    expect(retried.length).toBe(server!.stats.faults.rateLimited);
    expect(retried.length).toBeGreaterThan(0);
    expect(results.every((r) => r.message.content)).toBe(true);
  });

  it('invalid tool-call JSON and an empty choice are retried once as bad output, then MODEL_OUTPUT_INVALID', async () => {
    for (const fault of ['malformedToolCall', 'emptyChoice'] as const) {
      const { model, waits } = await stack({ [fault]: 1 });
      const error = await failure(model.complete(ask));
      expect(error?.code).toBe('MODEL_OUTPUT_INVALID');
      expect(server!.stats.chat).toBe(2);
      expect(waits).toEqual([]);
      await server!.close();
      server = undefined;
    }
  });

  it('a content filter is MODEL_REFUSED and is not retried', async () => {
    const { model } = await stack({ contentFilter: 1 });
    expect((await failure(model.complete(ask)))?.code).toBe('MODEL_REFUSED');
    expect(server!.stats.chat).toBe(1);
  });

  it('a 4xx other than 408/409/429 is not retried', async () => {
    const { model } = await stack({});
    expect((await failure(model.complete({ ...ask, model: 'no-such-model' })))?.code).toBe('MODEL_REQUEST');
    expect(server!.stats.chat).toBe(1);
  });

  it('an abort during a backoff wait stops at once, without another attempt', async () => {
    server = await startFakeOpenAIServer({ faults: { serverError: 1 } });
    const sdk = createOpenAIChatModel({ baseURL: server.url, apiKey: 'k', timeoutMs: 5000, maxRetries: 0 });
    const model = withRetries(sdk, { retries: 5, outputRetries: 0, baseDelayMs: 10_000, maxDelayMs: 10_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stop')), 100);
    const started = Date.now();
    await expect(model.complete(ask, { signal: controller.signal })).rejects.toThrow(/stop/);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(server.stats.chat).toBe(1);
  });
});

describe('backoff', () => {
  const policy = { retries: 5, outputRetries: 1, baseDelayMs: 500, maxDelayMs: 8000 };
  const transient = new ModelCallError('MODEL_SERVER', 'x');
  it('doubles each attempt, with half of each step random, and is capped', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoff(n, transient, policy, () => 0))).toEqual([250, 500, 1000, 2000, 4000, 4000]);
    expect([1, 2, 3].map((n) => backoff(n, transient, policy, () => 0.999))).toEqual([500, 1000, 1999]);
  });
  it('waits what Retry-After asks (with a spread of at most 10 %), capped by maxDelayMs', () => {
    const asked = new ModelCallError('MODEL_RATE_LIMITED', 'x', 3000);
    expect(backoff(1, asked, policy, () => 0)).toBe(3000);
    expect(backoff(1, asked, policy, () => 0.999)).toBe(3300);
    expect(backoff(1, new ModelCallError('MODEL_RATE_LIMITED', 'x', 60_000), policy, () => 0)).toBe(8000);
  });
});
