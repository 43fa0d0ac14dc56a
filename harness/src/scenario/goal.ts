import type { SlotValue, Task } from '../bot/task.js';
import type { Scenario } from './schema.js';

/** The user's goal after every correction: what the action should finally receive. */
export function finalGoal(scenario: Scenario): Record<string, SlotValue> {
  const goal = { ...scenario.user.goal };
  for (const correction of scenario.user.corrections) goal[correction.slot] = correction.to;
  return goal;
}

/** Expected arguments of the expected action: declared ones, else the final goal's values for its slots. */
export function expectedArgs(scenario: Scenario, task: Task): Record<string, SlotValue> | undefined {
  const action = scenario.expect.action;
  if (!action) return undefined;
  if (action.args) return action.args;
  const spec = task.actions.find((a) => a.name === action.name);
  const goal = finalGoal(scenario);
  const slots = [...(spec?.required ?? []), ...(spec?.optional ?? [])];
  return Object.fromEntries(slots.filter((s) => s in goal).map((s) => [s, goal[s]!]));
}
