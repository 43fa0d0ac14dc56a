import type { Slot } from '../bot/task.js';

export type SlotType = NonNullable<Slot['type']>;

/** The slot's declared type, or one inferred from its name and description. */
export function slotTypeOf(slot: Slot): SlotType {
  if (slot.type) return slot.type;
  const text = `${slot.name.replace(/_/g, ' ')} ${slot.description}`.toLowerCase();
  if (/\bdate\b|\bday\b/.test(slot.name.replace(/_/g, ' ').toLowerCase())) return 'date';
  if (/\btime\b/.test(slot.name.replace(/_/g, ' ').toLowerCase())) return 'time';
  if (/\b(number of|count of|how many)\b|\bsize\b/.test(text) && !/\bphone|address|account\b/.test(text)) return 'integer';
  if (slot.values && slot.values.every((v) => /^(true|false)$/i.test(v))) return 'boolean';
  return 'string';
}
