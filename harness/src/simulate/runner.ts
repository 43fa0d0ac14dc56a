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

/** Whether the next job may start: now, once a job in flight has finished, or never. */
export type Admission = 'start' | 'wait' | 'stop';

/**
 * Runs jobs with at most `concurrency` in flight: that many workers pull the
 * next job as they finish one, so memory holds only the jobs in flight.
 * Once `signal` aborts, or `admit` (asked with the number of jobs in flight)
 * says stop, no new job starts; jobs in flight see the signal and finish
 * early, or finish as usual. `admit` may only say wait while a job is in
 * flight. An error thrown by `handle` stops the run (after the jobs in flight
 * settle) unless the run was aborted.
 */
export async function runJobs(jobs: Iterable<Job>, concurrency: number, handle: (job: Job) => Promise<void>, signal?: AbortSignal, admit?: (inFlight: number) => Admission): Promise<void> {
  const queue = jobs[Symbol.iterator]();
  let failure: { error: unknown } | undefined;
  let inFlight = 0;
  let waiting: Array<() => void> = [];
  const settled = () => new Promise<void>((resolve) => waiting.push(resolve));
  const worker = async () => {
    while (!signal?.aborted && !failure) {
      // The job first: only a job that remains is asked about (a refusal means jobs were left).
      const next = queue.next();
      if (next.done) return;
      let admission = admit?.(inFlight) ?? 'start';
      while (admission === 'wait' && !signal?.aborted && !failure) {
        await settled();
        admission = admit!(inFlight);
      }
      if (admission !== 'start' || signal?.aborted || failure) return;
      inFlight += 1;
      try {
        await handle(next.value);
      } catch (error) {
        if (!signal?.aborted) failure ??= { error };
      } finally {
        inFlight -= 1;
        const woken = waiting;
        waiting = [];
        for (const wake of woken) wake();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  if (failure) throw failure.error;
}
