import pLimit from 'p-limit';
import type { Scenario } from '../scenario/schema.js';

/** One conversation to simulate: a scenario and a trial number (1-based). */
export interface Job {
  scenario: Scenario;
  trial: number;
  conversationId: string;
}

/** Scenarios × trials, in a stable order. */
export function planJobs(scenarios: readonly Scenario[], trials: number): Job[] {
  return scenarios.flatMap((scenario) =>
    Array.from({ length: trials }, (_, i) => ({ scenario, trial: i + 1, conversationId: `${scenario.id}#${i + 1}` })),
  );
}

/**
 * Runs jobs with at most `concurrency` in flight. Once `signal` aborts, jobs
 * not yet started are dropped; jobs in flight see the signal and finish early.
 */
export async function runJobs(jobs: readonly Job[], concurrency: number, handle: (job: Job) => Promise<void>, signal?: AbortSignal): Promise<void> {
  const limit = pLimit(concurrency);
  signal?.addEventListener('abort', () => limit.clearQueue(), { once: true });
  await Promise.all(jobs.map((job) => limit(() => (signal?.aborted ? undefined : handle(job))).catch((error: unknown) => {
    if (!signal?.aborted) throw error;
  })));
}
