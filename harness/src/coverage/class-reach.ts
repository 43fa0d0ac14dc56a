import type { Action, Task } from '../bot/task.js';
import type { FailureClass } from '../detect/failure.js';
import { FailureClassSchema } from '../detect/failure.js';
import { moneyArguments } from '../detect/call-values.js';
import type { Scenario } from '../scenario/schema.js';
import type { ClassReach } from './schema.js';
import type { ScenarioSituations } from './scenario-situations.js';

type Entry = { scenario: Scenario; situations: ScenarioSituations };
type Rule = (entries: Entry[], task: Task, action: Action | undefined) => { can: Entry[]; reason?: string };

/**
 * For each failure class, the scenarios that give a bot the chance to show it
 * (what its detector needs from the scenario), and, when none does, why not:
 * a class no scenario can trigger is a blind spot, however green the run.
 */
const RULES: Record<FailureClass, Rule> = {
  're-ask': (entries) => {
    const can = entries.filter((e) => e.scenario.expect.noReAsk && e.situations.volunteered.size + e.situations.asked.size > 0);
    return { can, reason: entries.every((e) => !e.scenario.expect.noReAsk) ? 'every scenario sets expect.noReAsk: false' : 'no user gives a value the bot could ask for again' };
  },
  'premature-action': (entries, _task, action) => {
    if (!action?.consequential) return { can: [], reason: 'the task has no consequential action: nothing needs the user\'s approval' };
    return { can: entries.filter((e) => e.scenario.expect.confirmation === 'required'), reason: 'every scenario sets expect.confirmation: not-required' };
  },
  'unapproved-detail': (entries, task, action) => {
    if (!action?.consequential) return { can: [], reason: 'the task has no consequential action: nothing needs the user\'s approval' };
    if (moneyArguments(task, action).length === 0) return { can: [], reason: `${action.name} takes no argument that decides what the user pays or receives (an amount, a card, a refund destination)` };
    return { can: entries.filter((e) => e.scenario.expect.confirmation === 'required'), reason: 'every scenario sets expect.confirmation: not-required' };
  },
  'confirmation-as-go-ahead': (entries, _task, action) => {
    if (!action?.consequential) return { can: [], reason: 'the task has no consequential action: nothing needs authorising' };
    const separate = entries.filter((e) => e.scenario.expect.goAhead === 'separate');
    if (separate.length === 0) return { can: [], reason: 'every scenario expects goAhead: with-confirmation, where a yes to the details is the authorisation' };
    return { can: separate.filter((e) => e.situations.confirmation === 'affirm'), reason: 'every user confirms and authorises in one breath (user.confirmation: affirm-and-go-ahead), so a confirmation is never taken alone' };
  },
  'ignored-correction': (entries) => ({ can: entries.filter((e) => e.situations.corrects), reason: 'no user changes a value (user.corrections), so there is no correction to ignore' }),
  'wrong-value': (entries) => ({
    can: entries.filter((e) => e.scenario.expect.action && e.situations.volunteered.size + e.situations.asked.size > 0),
    reason: 'no scenario expects an action with values the user gives',
  }),
  // A slot the user gives only when asked (or never) is one the bot can fill without asking: "Guest" for a name.
  'invented-value': (entries, _task, action) => ({
    can: entries.filter((e) => e.situations.asked.size + e.situations.leftOut.size > 0),
    reason: `every user gives every slot of ${action?.name ?? 'the action'} (${action ? [...action.required, ...action.optional].join(', ') : 'none'}) in the opening message, so the bot never has one to fill by itself; add a scenario whose user leaves a slot for the bot to ask about, or leaves one out`,
  }),
  'missing-action': (entries) => {
    const authorised = entries.filter((e) => e.scenario.expect.action && (e.situations.goAhead === 'when-asked' || e.situations.confirmation === 'affirm-and-go-ahead'));
    return authorised.length > 0 ? { can: authorised } : { can: entries, reason: 'only as a false claim of success: no user authorises an expected action, so never acting cannot be told apart' };
  },
  'turn-budget': (entries) => ({ can: entries, reason: 'the suite is empty' }),
};

/** Per class: can any scenario trigger it, which (up to three), and why not. */
export function classReach(entries: Entry[], task: Task, action: Action | undefined): ClassReach[] {
  return FailureClassSchema.options.map((cls) => {
    const { can, reason } = RULES[cls](entries, task, action);
    const reachable = can.length > 0;
    const partial = cls === 'missing-action' && reachable && reason !== undefined;
    return { class: cls, reachable, examples: can.slice(0, 3).map((e) => e.scenario.id), ...(!reachable || partial ? { reason: reason! } : {}) };
  });
}
