import type { LocatedDocument } from '../core/located-parse.js';
import { findSlot, type SlotValue, type Task } from '../bot/task.js';
import { slotValueProblem } from '../bot/slot-value.js';
import type { Scenario } from './schema.js';

/**
 * Checks a scenario against its bot's task (slot and action names exist) and
 * fills in the default expected action. Errors point at the offending field.
 */
export function crossCheckScenario(scenario: Scenario, task: Task, doc: LocatedDocument): Scenario {
  const slots = new Set(task.slots.map((s) => s.name));
  const known = `known slots: ${[...slots].join(', ')}`;
  const requireSlot = (name: string, path: PropertyKey[]) => {
    if (!slots.has(name)) throw doc.errorAt(path, `slot "${name}" is not in bot "${scenario.bot}"'s task (${known})`);
  };
  const requireFit = (name: string, value: SlotValue, path: PropertyKey[]) => {
    const slot = findSlot(task, name);
    const problem = slot && slotValueProblem(slot, value);
    if (problem) throw doc.errorAt(path, problem);
  };
  for (const [name, value] of Object.entries(scenario.user.goal)) {
    requireSlot(name, ['user', 'goal', name]);
    requireFit(name, value, ['user', 'goal', name]);
  }
  scenario.user.volunteer.forEach((name, i) => {
    if (!(name in scenario.user.goal)) throw doc.errorAt(['user', 'volunteer', i], `"${name}" is volunteered but has no value in user.goal`);
  });
  scenario.user.corrections.forEach((c, i) => {
    if (!(c.slot in scenario.user.goal)) throw doc.errorAt(['user', 'corrections', i, 'slot'], `"${c.slot}" is corrected but has no value in user.goal`);
    requireFit(c.slot, c.to, ['user', 'corrections', i, 'to']);
  });
  scenario.user.script?.forEach((turn, i) => {
    if (typeof turn === 'string') return;
    for (const [name, value] of Object.entries(turn.gives)) {
      requireSlot(name, ['user', 'script', i, 'gives', name]);
      requireFit(name, value, ['user', 'script', i, 'gives', name]);
    }
  });
  for (const name of Object.keys(scenario.toolResults)) {
    if (!task.actions.some((a) => a.name === name)) throw doc.errorAt(['toolResults', name], `action "${name}" is not in bot "${scenario.bot}"'s task (known actions: ${task.actions.map((a) => a.name).join(', ') || 'none'})`);
  }
  const action = expectedAction(scenario, task, doc);
  for (const [name, value] of Object.entries(action?.args ?? {})) requireFit(name, value, ['expect', 'action', 'args', name]);
  return { ...scenario, expect: { ...scenario.expect, action } };
}

function expectedAction(scenario: Scenario, task: Task, doc: LocatedDocument): Scenario['expect']['action'] {
  const declared = scenario.expect.action;
  if (declared === null) return null;
  if (declared === undefined) {
    const consequential = task.actions.find((a) => a.consequential);
    return consequential ? { name: consequential.name } : null;
  }
  const action = task.actions.find((a) => a.name === declared.name);
  if (!action) {
    throw doc.errorAt(['expect', 'action', 'name'], `action "${declared.name}" is not in bot "${scenario.bot}"'s task (known actions: ${task.actions.map((a) => a.name).join(', ')})`);
  }
  for (const name of Object.keys(declared.args ?? {})) {
    if (![...action.required, ...action.optional].includes(name)) {
      throw doc.errorAt(['expect', 'action', 'args', name], `"${name}" is not an argument of action "${action.name}" (arguments: ${[...action.required, ...action.optional].join(', ')})`);
    }
  }
  return declared;
}
