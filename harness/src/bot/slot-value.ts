import type { Slot, SlotValue } from './task.js';

const TIME_24H = /^([01]?\d|2[0-3]):[0-5]\d$/;
const TIME_12H = /^(1[0-2]|0?[1-9])(:[0-5]\d)?\s*[ap]\.?m\.?$/i;

/**
 * Why a value a scenario gives for a slot does not fit the slot's declared
 * `type` or `values`, or undefined when it fits. A goal the bot cannot
 * receive would turn into a false pass or a false bot failure later.
 * Counts and amounts are not negative: the simulated user would say "-3" and
 * the tagger read 3.
 */
export function slotValueProblem(slot: Slot, value: SlotValue): string | undefined {
  if (slot.values && !slot.values.some((v) => v.toLowerCase() === String(value).trim().toLowerCase())) {
    return `${show(value)} is not one of slot "${slot.name}"'s values (${slot.values.join(', ')})`;
  }
  const fits = slot.type ? TYPE_CHECKS[slot.type](value) : true;
  return fits ? undefined : `${show(value)} is not ${TYPE_NAMES[slot.type!]} (slot "${slot.name}" is of type ${slot.type})`;
}

const TYPE_CHECKS: Record<NonNullable<Slot['type']>, (value: SlotValue) => boolean> = {
  string: () => true,
  integer: (v) => (typeof v === 'number' ? Number.isInteger(v) && v >= 0 : /^\s*\d+\s*$/.test(String(v))),
  number: (v) => (typeof v === 'number' ? Number.isFinite(v) && v >= 0 : /^\s*\d+(\.\d+)?\s*$/.test(String(v))),
  date: (v) => typeof v === 'string' && isCalendarDate(v.trim()),
  time: (v) => typeof v === 'string' && (TIME_24H.test(v.trim()) || TIME_12H.test(v.trim())),
  boolean: (v) => typeof v === 'boolean' || /^(true|false|yes|no)$/i.test(String(v).trim()),
};

const TYPE_NAMES: Record<NonNullable<Slot['type']>, string> = {
  string: 'text',
  integer: 'a whole number of at least 0',
  number: 'a number of at least 0',
  date: 'a date (YYYY-MM-DD)',
  time: 'a time (HH:MM, 24-hour, or like "7:30 pm")',
  boolean: 'true or false',
};

function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function show(value: SlotValue): string {
  return typeof value === 'string' ? `"${value}"` : String(value);
}
