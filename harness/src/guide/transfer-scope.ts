import type { Task } from '../bot/task.js';
import type { FailureClass } from '../detect/failure.js';
import { moneyArguments } from '../detect/call-values.js';
import type { Scenario } from '../scenario/schema.js';

type CanShow = (scenario: Scenario, task: Task) => boolean;

const acts = (task: Task) => task.actions.some((a) => a.consequential);
const givesValues = (s: Scenario) => Object.keys(s.user.goal).length > 0 || (s.user.script ?? []).some((t) => typeof t === 'string' || Object.keys(t.gives).length > 0);
const changesValues = (s: Scenario) => s.user.corrections.length > 0 || (s.user.script ?? []).some((t) => typeof t !== 'string' && t.negates);
const expectsAction = (s: Scenario) => s.expect.action !== null;
const mayAuthorise = (s: Scenario) => s.user.goAhead === 'when-asked' || (s.user.script ?? []).some((t) => typeof t !== 'string' && t.goAhead);

/**
 * Whether a scenario's set-up lets the class's detector fire at all, read from the scenario and
 * the bot's task (the detectors' own conditions: a policy that switches them off, a correction to
 * ignore, an action to get wrong). A class not listed can show anywhere.
 */
const CAN_SHOW: Partial<Record<FailureClass, CanShow>> = {
  're-ask': (s) => s.expect.noReAsk && givesValues(s),
  'premature-action': (s, task) => acts(task) && s.expect.confirmation !== 'not-required',
  'unapproved-detail': (s, task) => s.expect.confirmation !== 'not-required' && task.actions.some((a) => a.consequential && moneyArguments(task, a).length > 0),
  'confirmation-as-go-ahead': (s, task) => acts(task) && s.expect.goAhead === 'separate',
  'ignored-correction': (s) => changesValues(s),
  'wrong-value': (s) => expectsAction(s) && givesValues(s),
  'invented-value': (s, task) => task.actions.length > 0 && (expectsAction(s) || acts(task)),
  'missing-action': (s) => expectsAction(s) && mayAuthorise(s),
};

/** The ids of the scenarios that can show any of the classes: where a principle's effect on them can be measured. */
export function scenariosThatCanShow(classes: readonly FailureClass[], scenarios: readonly Scenario[], task: Task): string[] {
  return scenarios.filter((s) => classes.some((cls) => (CAN_SHOW[cls] ?? (() => true))(s, task))).map((s) => s.id);
}
