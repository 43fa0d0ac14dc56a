import { resolve } from 'node:path';
import { TaskModelCache, createOfflineTagger } from '../annotate/offline-tagger.js';
import { displayPath } from '../bot/load.js';
import { endpointFromEnv } from '../config.js';
import { contentHash } from '../core/hash.js';
import { resolveDetectors } from '../detect/registry.js';
import { createModelPool } from '../model/model-pool.js';
import { connectBots, promptHashOf } from '../pipeline/connect-bots.js';
import type { JobContext } from '../pipeline/run-job.js';
import { selectScenarios } from '../pipeline/run-setup.js';
import { loadSuite, type Suite } from '../scenario/load.js';
import { simulatorKindFor } from '../simulate/create-simulator.js';
import { conversationTimeoutMs, type ScenarioTestOptions } from './options.js';

/** Loads and checks the scenarios and their bots (at collection: a bad file fails the test file, naming file and line). */
export async function loadScenarioSuite(paths: readonly string[], options: ScenarioTestOptions): Promise<Suite> {
  const cwd = options.cwd ?? process.cwd();
  const suite = await loadSuite({ paths: paths.map((p) => resolve(cwd, p)), botsDir: resolve(cwd, options.botsDir ?? 'bots'), display: displayPath(cwd), env: process.env });
  return selectScenarios(suite, { ...(options.only ? { only: options.only } : {}), ...(options.tags ? { tags: options.tags } : {}) });
}

/**
 * What every test of one `describeScenarios` shares, made when the first test
 * starts: one model client per endpoint, so `concurrency` bounds the calls of
 * all of them together; the connected bots (any kind), the tagger, detectors
 * and task models. The endpoint comes from the options, else from the
 * environment (this is an edge, like the CLI).
 */
export async function scenarioContext(suite: Suite, options: ScenarioTestOptions): Promise<JobContext> {
  const endpoint = { ...endpointFromEnv(process.env), ...options.endpoint };
  const models = createModelPool(endpoint, {
    concurrency: options.concurrency ?? 4,
    callTimeoutMs: (options.callTimeoutSeconds ?? 60) * 1000,
    retries: options.retries ?? 3,
  });
  const bots = await connectBots(suite.bots.values(), models, { ...(options.model ? { modelName: options.model } : {}), ...(options.maxToolRounds !== undefined ? { maxToolRounds: options.maxToolRounds } : {}) });
  const taskModels = new TaskModelCache();
  const needsUserModel = suite.scenarios.some((s) => simulatorKindFor(s, options.simulator) === 'llm');
  return {
    bots,
    taskModels,
    tagger: createOfflineTagger(taskModels),
    detectors: resolveDetectors(options.detectors),
    promptHashes: new Map([...suite.bots.values()].map((bot) => [bot.name, promptHashOf(bot, (text) => contentHash(text))])),
    conversationTimeoutMs: conversationTimeoutMs(options),
    clock: () => new Date(),
    ...(needsUserModel ? { model: models.defaultModel() } : {}),
    ...(options.simulator ? { simulator: options.simulator } : {}),
    ...(options.simulatorModel ? { simulatorModel: options.simulatorModel } : {}),
    ...(options.maxTurns ? { maxTurns: options.maxTurns } : {}),
  };
}
