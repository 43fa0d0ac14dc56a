import { describe, expect, it } from 'vitest';
import type { Scenario } from '../scenario/schema.js';
import { planJobs, runJobs, type Admission } from './runner.js';

const jobs = (n: number) => planJobs([{ id: 's' } as Scenario], n);

describe('runJobs with an admission check', () => {
  it('asks before each job that remains, never once the jobs have run out; waits for one in flight to finish; stops on stop', async () => {
    const asked: number[] = [];
    const ran: string[] = [];
    let finishes = 0;
    const admit = (inFlight: number): Admission => {
      asked.push(inFlight);
      if (finishes === 0) return inFlight === 0 ? 'start' : 'wait';
      return 'start';
    };
    await runJobs(jobs(3), 2, async (job) => {
      ran.push(job.conversationId);
      await new Promise((r) => setTimeout(r, 5));
      finishes += 1;
    }, undefined, admit);
    expect(ran.sort()).toEqual(['s#1', 's#2', 's#3']);
    expect(asked).toEqual([0, 1, 0, 1]); // one per job, and again for the job that waited while the first ran alone
    const stopped: string[] = [];
    await runJobs(jobs(3), 1, async (job) => void stopped.push(job.conversationId), undefined, () => (stopped.length < 2 ? 'start' : 'stop'));
    expect(stopped).toEqual(['s#1', 's#2']);
  });
});
