import { kindOf, type SlotKind } from '../annotate/slot-kinds.js';
import type { Slot, SlotValue, Task } from '../bot/task.js';

/** Two plausible values per kind of slot: the goal's, and the one a correction changes it to. */
const BY_KIND: Partial<Record<SlotKind, readonly [SlotValue, SlotValue]>> = {
  time: ['19:30', '20:30'],
  count: [4, 6],
  amount: [250, 300],
  location: ['Lyon', 'Porto'],
  person: ['Ada Byron', 'Grace Hopper'],
  name: ['Ada', 'Grace'],
  category: ['standard', 'special'],
  text: ['plain', 'special'],
};

/**
 * A goal value for every slot of a task and the value a correction changes it
 * to: deterministic, of the slot's kind, distinct between slots of the same
 * kind where it matters (a check-out date after the check-in date). Dates are
 * days after `today`.
 */
export function goalValues(task: Task, today: string): Map<string, readonly [SlotValue, SlotValue]> {
  const values = new Map<string, readonly [SlotValue, SlotValue]>();
  let dates = 0;
  for (const slot of task.slots) {
    if (kindOf(slot) === 'date') {
      const offset = 11 + 3 * dates++;
      values.set(slot.name, [addDays(today, offset), addDays(today, offset + 1)]);
    } else values.set(slot.name, pairFor(slot));
  }
  return values;
}

function pairFor(slot: Slot): readonly [SlotValue, SlotValue] {
  if (slot.values && slot.values.length > 0) return [slot.values[0]!, slot.values[1] ?? slot.values[0]!];
  if (slot.type === 'boolean' || kindOf(slot) === 'boolean') return [true, false];
  const pair = BY_KIND[kindOf(slot)] ?? BY_KIND.text!;
  // A number-typed slot gets a number, whatever its name suggests.
  if ((slot.type === 'integer' || slot.type === 'number') && typeof pair[0] !== 'number') return [2, 3];
  return pair;
}

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
