import { describe, expect, it } from 'vitest';
import { estimateTokens } from './limited-model.js';
import { createTokenBucket } from './rate-limiter.js';

/** A clock that only moves when the bucket sleeps: the test sees exactly how long it waited. */
function fakeTime() {
  let now = 0;
  return { now: () => now, sleep: async (ms: number) => void (now += ms), elapsed: () => now };
}

describe('token bucket (requests and tokens per minute)', () => {
  it('allows a burst of the per-minute budget, then paces to the rate', async () => {
    const time = fakeTime();
    const bucket = createTokenBucket(60, time);
    for (let i = 0; i < 60; i += 1) await bucket.take(1);
    expect(time.elapsed()).toBe(0);
    for (let i = 0; i < 30; i += 1) await bucket.take(1);
    expect(time.elapsed()).toBeGreaterThanOrEqual(30_000);
    expect(time.elapsed()).toBeLessThan(30_100);
  });

  it('weights takes by tokens and corrects an estimate from the real usage', async () => {
    const time = fakeTime();
    const bucket = createTokenBucket(6000, time);
    await bucket.take(6000);
    bucket.adjust(-3000);
    await bucket.take(3000);
    expect(time.elapsed()).toBe(0);
    bucket.adjust(600);
    await bucket.take(600);
    expect(time.elapsed()).toBeGreaterThanOrEqual(12_000);
  });

  it('a take larger than the whole budget waits for a full bucket instead of forever', async () => {
    const time = fakeTime();
    const bucket = createTokenBucket(100, time);
    await bucket.take(1000);
    await bucket.take(100);
    expect(time.elapsed()).toBeGreaterThanOrEqual(60_000);
  });

  it('estimates tokens from characters and the reply budget', () => {
    expect(estimateTokens({ model: 'm', messages: [{ role: 'user', content: 'x'.repeat(400) }], maxTokens: 50 })).toBe(150);
  });
});
