import { describe, expect, it } from 'vitest';
import type { Scenario } from '../scenario/schema.js';
import { planJobs } from './runner.js';
import { conversationsInFlight, staggerHandicaps } from './schedule.js';

const scenarios = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `s${i}` }) as Scenario);

describe('scheduling conversations over call slots', () => {
  it('keeps 8 conversations per call slot, at most 256 unless that is under 2 per slot, and 1 for a concurrency of 1', () => {
    expect([1, 2, 32, 64, 200].map(conversationsInFlight)).toEqual([1, 16, 256, 256, 400]);
  });

  it('staggers conversations started together by up to six calls, leaving a full round of calls for the end', () => {
    const jobs = planJobs(scenarios(200), 1);
    const handicaps = [...staggerHandicaps(jobs, 32, 256).values()];
    expect(handicaps[0]).toBe(0);
    // 200 conversations over 32 slots: at most 200 / 32 - 1 = 5.25 calls apart.
    expect(Math.max(...handicaps)).toBeCloseTo((5.25 * 199) / 256);
    expect(handicaps).toEqual([...handicaps].sort((a, b) => a - b));
    expect(Math.max(...staggerHandicaps(planJobs(scenarios(2000), 1), 8, 64).values())).toBeCloseTo((6 * 63) / 64);
    expect(Math.max(...staggerHandicaps(jobs, 200, 400).values())).toBe(0);
  });
});
