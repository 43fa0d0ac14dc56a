import * as chrono from 'chrono-node/en';
import type { Slot, SlotValue } from '../bot/task.js';
import { slotTypeOf, type SlotType } from './slot-types.js';

const NUMBER_WORDS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, single: 1, couple: 2, pair: 2,
};

/** Reference date for relative expressions ("tomorrow"): noon of `today`, local time. */
export function referenceDate(today: string | undefined): Date {
  return today ? new Date(`${today}T12:00:00`) : new Date();
}

/**
 * Canonical form of a value for comparison: dates as YYYY-MM-DD, times as
 * HH:MM, numbers as digits, text lower-cased without punctuation.
 */
export function normalizeValue(value: SlotValue, type: SlotType, reference: Date): string {
  const text = String(value).trim();
  switch (type) {
    case 'date':
      return normalizeDate(text, reference) ?? normalizeText(text);
    case 'time':
      return normalizeTime(text, reference) ?? normalizeText(text);
    case 'integer':
    case 'number':
      return normalizeNumber(text) ?? normalizeText(text);
    case 'boolean':
      return /^(true|yes|y)$/i.test(text) ? 'true' : /^(false|no|n)$/i.test(text) ? 'false' : normalizeText(text);
    default:
      return normalizeText(text);
  }
}

export function normalizeForSlot(value: SlotValue, slot: Slot | undefined, reference: Date): string {
  return normalizeValue(value, slot ? slotTypeOf(slot) : 'string', reference);
}

/** Whether two values are the same for a slot, after normalisation. */
export function sameValue(a: SlotValue, b: SlotValue, slot: Slot | undefined, reference: Date): boolean {
  return normalizeForSlot(a, slot, reference) === normalizeForSlot(b, slot, reference);
}

export function normalizeDate(text: string, reference: Date): string | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  const result = chrono.parse(text, reference, { forwardDate: true })[0];
  if (!result) return undefined;
  const known = result.start;
  if (!known.isCertain('day') && !known.isCertain('weekday')) return undefined;
  const date = known.date();
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function normalizeTime(text: string, reference: Date): string | undefined {
  if (/^\d{1,2}:\d{2}$/.test(text)) return pad(Number(text.split(':')[0])) + ':' + text.split(':')[1];
  if (/\bnoon\b|\bmidday\b/i.test(text)) return '12:00';
  if (/\bmidnight\b/i.test(text)) return '00:00';
  const result = chrono.parse(text, reference)[0];
  if (!result || !result.start.isCertain('hour')) return undefined;
  return `${pad(result.start.get('hour') ?? 0)}:${pad(result.start.get('minute') ?? 0)}`;
}

export function normalizeNumber(text: string): string | undefined {
  const cleaned = text.toLowerCase().replace(/[$€£,]/g, '').trim();
  if (/^-?\d+(\.\d+)?$/.test(cleaned)) return String(Number(cleaned));
  const word = NUMBER_WORDS[cleaned.replace(/^(a|an)\s+/, '')];
  return word === undefined ? undefined : String(word);
}

export function normalizeText(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}\s:-]/gu, ' ').replace(/\s+/g, ' ').trim();
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
