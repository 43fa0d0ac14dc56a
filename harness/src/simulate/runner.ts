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
 * Runs jobs with at most `concurrency` in flight: that many workers pull the
 * next job as they finish one, so memory holds only the jobs in flight.
 * Once `signal` aborts, no new job starts; jobs in flight see the signal and
 * finish early. An error thrown by `handle` stops the run (after the jobs in
 * flight settle) unless the run was aborted.
 */
export async function runJobs(jobs: Iterable<Job>, concurrency: number, handle: (job: Job) => Promise<void>, signal?: AbortSignal): Promise<void> {
  const queue = jobs[Symbol.iterator]();
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    for (let next = queue.next(); !next.done && !signal?.aborted && !failure; next = queue.next()) {
      try {
        await handle(next.value);
      } catch (error) {
        if (!signal?.aborted) failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  if (failure) throw failure.error;
}
