import type { Slot } from '../bot/task.js';
import { kindOf, type SlotKind } from './slot-kinds.js';

export type SlotType = NonNullable<Slot['type']>;

const TYPE_OF_KIND: Partial<Record<SlotKind, SlotType>> = { date: 'date', time: 'time', count: 'integer', amount: 'number', boolean: 'boolean' };

/** The slot's declared type, or the one its kind implies (for comparing values). */
export function slotTypeOf(slot: Slot): SlotType {
  return slot.type ?? TYPE_OF_KIND[kindOf(slot)] ?? 'string';
}
