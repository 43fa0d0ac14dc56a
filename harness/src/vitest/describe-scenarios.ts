import { afterAll, describe, test } from 'vitest';
import type { JobContext } from '../pipeline/run-job.js';
import { simulateAndJudge } from '../pipeline/run-job.js';
import { closeBots } from '../pipeline/connect-bots.js';
import { planJobs, type Job } from '../simulate/runner.js';
import { ScenarioFailure, ScenarioNotJudged } from './failure-message.js';
import { conversationTimeoutMs, type ScenarioTestOptions } from './options.js';
import { loadScenarioSuite, scenarioContext } from './scenario-context.js';

/**
 * Registers one vitest test per scenario × trial, in a `describe` named after
 * the paths. A test simulates its conversation against the bot, judges it
 * with slotcheck's detectors and fails with each failure's class, message and
 * evidence; a conversation that could not complete fails as "not a bot
 * failure". Tests run concurrently (vitest's `maxConcurrency`), their model
 * calls bounded together by `concurrency`. vitest's reporters, filters (`-t`)
 * and `--shard` (which splits test files) apply as to any test.
 */
export function describeScenarios(paths: string | readonly string[], options: ScenarioTestOptions = {}): void {
  const list = typeof paths === 'string' ? [paths] : [...paths];
  describe(`slotcheck ${list.join(', ')}`, async () => {
    const suite = await loadScenarioSuite(list, options);
    const trials = options.trials ?? 1;
    let context: Promise<JobContext> | undefined;
    const shared = () => (context ??= scenarioContext(suite, options));
    // Connections of HTTP and module bots are closed once every test has run.
    afterAll(async () => {
      if (context) await closeBots((await context).bots);
    });
    // Each test may wait for the shared call slots; give it the conversation's time-out and room for the queue.
    const timeout = conversationTimeoutMs(options) + 60_000;
    for (const job of planJobs(suite.scenarios, trials)) {
      test.concurrent(trials > 1 ? `${job.scenario.id} #${job.trial}` : job.scenario.id, async () => playScenario(job, await shared()), timeout);
    }
  });
}

async function playScenario(job: Job, context: JobContext): Promise<void> {
  const judged = await simulateAndJudge(job, context.bots.get(job.scenario.bot)!, context);
  if (!judged) throw new Error(`${job.conversationId}: the conversation was interrupted`);
  if (judged.record.error) throw new ScenarioNotJudged(judged.record);
  if (judged.failures.length > 0) throw new ScenarioFailure(judged.failures, judged.record);
}
