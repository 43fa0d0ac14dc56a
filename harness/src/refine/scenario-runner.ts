import type { Env } from '../bot/env-vars.js';
import type { ChatModel } from '../model/chat-model.js';
import { runSuite } from '../pipeline/index.js';
import { readOutcomes } from './outcomes.js';
import type { ScenarioRunner } from './verify.js';

/** What every run of a refine or transfer check shares. */
export interface SuiteRunSettings {
  scenarioPaths: string[];
  botsDir: string;
  reportsDir: string;
  concurrency: number;
  conversationTimeoutMs: number;
  /** The bot's model. */
  modelName: string;
  /** Detectors of the run being refined: a class it did not look for must not count as a regression. */
  detectors?: string[];
  clock: () => Date;
  display: (path: string) => string;
  signal?: AbortSignal;
  /** Where bot files' `${VAR}`s are read from. */
  env?: Env;
}

/** Runs scenarios of one bot with a prompt in memory (`only` and `promptOverrides`), into their own run folder; returns per-scenario outcomes. */
export function scenarioRunner(settings: SuiteRunSettings, model: ChatModel, botName: string): ScenarioRunner {
  const { clock, display, signal } = settings;
  return async ({ only, trials, outDir, promptSource }) => {
    const result = await runSuite(
      {
        scenarioPaths: settings.scenarioPaths, botsDir: settings.botsDir, reportsDir: settings.reportsDir, outDir, trials, concurrency: settings.concurrency,
        modelName: settings.modelName, conversationTimeoutMs: settings.conversationTimeoutMs, only,
        ...(settings.detectors ? { detectors: settings.detectors } : {}), promptOverrides: { [botName]: promptSource },
        ...(settings.env ? { env: settings.env } : {}),
      },
      model,
      { clock, display, ...(signal ? { signal } : {}) },
    );
    return readOutcomes(result.outDir, result.summary.scenarios);
  };
}
