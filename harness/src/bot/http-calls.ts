import PQueue from 'p-queue';
import { realSleep, type Sleep } from '../core/sleep.js';
import { inSlot } from '../model/limited-model.js';
import { retryAfterMs } from '../model/retry-after.js';
import { HttpCallError, type HttpTransport } from './http-transport.js';

/** Statuses that say the bot did not take the request: come back later. */
const BUSY = new Set([429, 503]);

/**
 * Retries only what the bot cannot have acted on: a refused connection, a
 * stale keep-alive socket, and 429/503 (waiting what Retry-After asks). A
 * time-out, a reset mid-request or a 500 are not retried: a bot that keeps
 * its own session may have taken the turn, and sending it twice would test
 * something else. Failed attempts are reported as `retried`.
 */
export function withHttpRetries(transport: HttpTransport, retries: number, deps: { sleep?: Sleep; baseDelayMs?: number } = {}): HttpTransport {
  const sleep = deps.sleep ?? realSleep;
  const base = deps.baseDelayMs ?? 250;
  return {
    ...transport,
    async send(request, options) {
      const retried: string[] = [];
      for (let attempt = 1; ; attempt += 1) {
        let wait: number | undefined;
        try {
          const result = await transport.send(request, options);
          if (!BUSY.has(result.reply.status) || attempt > retries) return retried.length > 0 ? { ...result, retried } : result;
          retried.push('BOT_HTTP_STATUS');
          wait = retryAfterMs(firstValues(result.reply.headers));
        } catch (error) {
          if (!(error instanceof HttpCallError) || !error.retryable || attempt > retries || options.signal?.aborted) throw error;
          retried.push(error.code);
        }
        await sleep(Math.min(30_000, wait ?? base * 2 ** (attempt - 1) * (0.5 + Math.random() / 2)), options.signal);
      }
    },
  };
}

/**
 * At most `concurrency` requests in flight to the bot (`--concurrency`, as
 * for a model endpoint); waiting calls go by priority, and tell the
 * conversation's clock they wait.
 */
export function withHttpLimit(transport: HttpTransport, concurrency: number): HttpTransport {
  const slots = new PQueue({ concurrency });
  return {
    ...transport,
    send: (request, options) => inSlot(slots, options, () => transport.send(request, options)),
  };
}

/** Node gives a repeated header as a list: the first value is the one read. */
function firstValues(headers: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value[0] : value]));
}
