import type { SimulatorKind } from '../simulate/create-simulator.js';

/** What `describeScenarios` runs, as `slotcheck run`'s options: paths resolve against `cwd`. */
export interface ScenarioTestOptions {
  /** Model for every bot (default: each bot.yaml's `model`). */
  model?: string;
  /** Tests per scenario (one per trial). Default 1. */
  trials?: number;
  /** Model calls in flight to the endpoint, shared by every test of the call. Default 4. */
  concurrency?: number;
  /** Failure classes to detect (default: all). */
  detectors?: string[];
  /** Folder of bot definitions. Default `bots`. */
  botsDir?: string;
  /** Only these scenario ids; only scenarios with any of these tags. */
  only?: string[];
  tags?: string[];
  simulator?: SimulatorKind;
  simulatorModel?: string;
  maxTurns?: number;
  maxToolRounds?: number;
  /** Per conversation (default 300) and per model call (default 60). */
  timeoutSeconds?: number;
  callTimeoutSeconds?: number;
  /** Retries per model call on 429, 5xx and connection errors. Default 3. */
  retries?: number;
  /** The endpoint; by default `OPENAI_BASE_URL` and `OPENAI_API_KEY` from the environment. */
  endpoint?: { baseURL?: string; apiKey?: string };
  /** The folder paths are relative to. Default: the working folder (vitest's root). */
  cwd?: string;
}

/** A conversation's time-out: `timeoutSeconds`, 300 by default. */
export function conversationTimeoutMs(options: Pick<ScenarioTestOptions, 'timeoutSeconds'>): number {
  return (options.timeoutSeconds ?? 300) * 1000;
}
