import { realSleep, type Sleep } from '../core/sleep.js';

/** A token bucket refilled continuously: `perMinute` tokens a minute, bursts up to that many. */
export interface TokenBucket {
  /** Waits until `amount` tokens are available and takes them. */
  take(amount: number, signal?: AbortSignal): Promise<void>;
  /** Corrects an estimate once the real cost is known (negative gives tokens back). */
  adjust(delta: number): void;
}

export interface BucketDeps {
  now?: () => number;
  sleep?: Sleep;
}

/**
 * Written here rather than taken from a library because it needs weighted
 * takes (tokens per minute), corrections after the fact, an injected clock
 * and abortable waits. Waiters are not queued: each sleeps for its own
 * shortfall and tries again, which is fair enough for a run's workers.
 */
export function createTokenBucket(perMinute: number, deps: BucketDeps = {}): TokenBucket {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? realSleep;
  const perMs = perMinute / 60_000;
  let available = perMinute;
  let at = now();
  const refill = () => {
    const t = now();
    available = Math.min(perMinute, available + (t - at) * perMs);
    at = t;
  };
  return {
    async take(amount, signal) {
      const need = Math.min(amount, perMinute);
      for (;;) {
        refill();
        if (available >= need) {
          available -= need;
          return;
        }
        await sleep(Math.max(1, Math.ceil((need - available) / perMs)), signal);
      }
    },
    adjust(delta) {
      refill();
      available = Math.min(perMinute, available - delta);
    },
  };
}
