import type { TaskModel } from '../annotate/offline-tagger.js';
import type { Task } from '../bot/task.js';
import { SlotcheckError } from '../core/errors.js';
import { contentHash } from '../core/hash.js';
import type { Scenario } from '../scenario/schema.js';
import { createAgendaUser } from './agenda-user.js';
import { createLlmUser, type LlmUserOptions } from './llm-user.js';
import { createScriptedUser } from './scripted-user.js';
import type { UserSimulator } from './simulator.js';

export type SimulatorKind = UserSimulator['kind'];

/** The scenario's simulator: `--simulator` wins, then `user.simulator`, then scripted if a script is given, else rule-based. */
export function simulatorKindFor(scenario: Scenario, override?: SimulatorKind): SimulatorKind {
  return override ?? scenario.user.simulator ?? (scenario.user.script ? 'scripted' : 'rule');
}

/** `llm` is the model the LLM user runs on; only the `llm` kind needs it. `seed` picks the rule-based user's wording. */
export function createSimulator(scenario: Scenario, bot: { task: Task }, taskModel: TaskModel, kind: SimulatorKind, llm?: LlmUserOptions, seed?: number): UserSimulator {
  switch (kind) {
    case 'llm':
      if (!llm) throw new SlotcheckError('MODEL_NOT_CONFIGURED', `${scenario.file}: the llm simulator needs a model (--simulator-model NAME)`);
      return createLlmUser(scenario, bot.task, llm);
    case 'scripted':
      if (!scenario.user.script) throw new SlotcheckError('SCENARIO_INVALID', `${scenario.file}: the scripted simulator needs user.script`);
      return createScriptedUser(scenario, taskModel);
    case 'rule':
      return createAgendaUser(scenario, bot.task, seed);
    default:
      throw new SlotcheckError('USAGE', `unknown simulator "${String(kind)}"; known: rule, scripted, llm`);
  }
}

/**
 * The rule-based user's seed for one trial: the scenario's `user.seed`, else
 * one derived from the scenario id and trial, so every trial words things its
 * own way and a re-run (resume, replay, another machine) words them the same.
 */
export function phrasingSeed(scenario: Pick<Scenario, 'id' | 'user'>, trial: number): number {
  if (scenario.user.seed !== undefined) return scenario.user.seed;
  return parseInt(contentHash(`${scenario.id}#${trial}`, 8), 16);
}
