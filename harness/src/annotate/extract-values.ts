import * as chrono from 'chrono-node';
import { escapeRegExp, type Lexicon, type SlotEntry } from './lexicon.js';
import { normalizeNumber } from './normalize.js';

/** A value stated for a slot in a text. */
export interface ValueMention {
  slot: string;
  value: string;
  /** Where the slot (or the value) was found, for ordering. */
  index: number;
  /** Found next to a phrase naming the slot, rather than by its type alone. */
  anchored: boolean;
}

/** A phrase naming a slot, with or without a value next to it. */
export interface SlotPhrase {
  slot: string;
  index: number;
  end: number;
}

const CONNECTOR = /^\s*(?:is|are|was|will be|should be|would be|to be|becomes|=|:|to|of|for|at|on)?\s*(?:the\s+)?/i;
// "a table for 3", "for two": a bare count after "for", unless it reads as a time or a date.
const TABLE_FOR = /\bfor (\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b(?!\s*(?:am|pm|a\.m|p\.m|:|o'?clock|th|st|nd|rd|people|persons|person|guests|adults|tickets|seats|passengers|of us|rooms|nights|diners|days|weeks|hours|minutes|years|months)\b)(?![:.]\d)/gi;
const COUNT_NOUNS = /(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(people|persons|person|guests|adults|tickets|seats|passengers|of us|rooms|nights|diners)\b/gi;

export function findSlotPhrases(text: string, lexicon: Lexicon): SlotPhrase[] {
  const found: SlotPhrase[] = [];
  const taken: Array<[number, number]> = [];
  const candidates = lexicon.flatMap((entry) => entry.phrases.map((phrase) => ({ entry, phrase })));
  candidates.sort((a, b) => b.phrase.length - a.phrase.length);
  for (const { entry, phrase } of candidates) {
    const pattern = new RegExp(`\\b${escapeRegExp(phrase)}s?\\b`, 'gi');
    for (const match of text.matchAll(pattern)) {
      const start = match.index ?? 0;
      const end = start + match[0].length;
      if (taken.some(([s, e]) => start < e && end > s)) continue;
      taken.push([start, end]);
      found.push({ slot: entry.slot.name, index: start, end });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** Values stated in `text`: next to a slot phrase, or recognisable by type (dates, times, counts, allowed values). */
export function extractValues(text: string, lexicon: Lexicon, reference: Date): ValueMention[] {
  const byName = new Map(lexicon.map((e) => [e.slot.name, e]));
  const mentions: ValueMention[] = [];
  for (const phrase of findSlotPhrases(text, lexicon)) {
    const entry = byName.get(phrase.slot)!;
    if (mentions.some((m) => m.slot === phrase.slot)) continue;
    const value = valueAfter(text.slice(phrase.end), entry, reference);
    if (value !== undefined) mentions.push({ slot: phrase.slot, value, index: phrase.index, anchored: true });
  }
  mentions.push(...typedValues(text, lexicon, reference, new Set(mentions.map((m) => m.slot))));
  return mentions.sort((a, b) => a.index - b.index);
}

function valueAfter(rest: string, entry: SlotEntry, reference: Date): string | undefined {
  const connector = CONNECTOR.exec(rest)?.[0] ?? '';
  if (connector.trim() === '' && entry.type === 'string' && !entry.slot.values) return undefined;
  const tail = rest.slice(connector.length);
  if (entry.slot.values) return allowedValueAt(tail, entry.slot.values);
  switch (entry.type) {
    case 'date':
    case 'time':
      return chronoAt(tail, entry.type, reference);
    case 'integer':
    case 'number': {
      const match = /^(\d+(?:\.\d+)?|[a-z]+)\b/i.exec(tail);
      return match && normalizeNumber(match[1]!) !== undefined ? match[1] : undefined;
    }
    default: {
      const match = /^(.+?)(?=\s*(?:,|;|\.(?:\s|$)|!|\?|\s+and\s|\s+(?:at|on|for)\s+\d|$))/.exec(tail);
      const value = match?.[1]?.trim();
      return value && value.split(/\s+/).length <= 6 && !/^(you|i|we|it)\b/i.test(value) ? value : undefined;
    }
  }
}

function allowedValueAt(tail: string, values: string[]): string | undefined {
  const sorted = [...values].sort((a, b) => b.length - a.length);
  return sorted.find((v) => new RegExp(`^${escapeRegExp(v)}\\b`, 'i').test(tail));
}

function chronoAt(tail: string, type: 'date' | 'time', reference: Date): string | undefined {
  const window = tail.split(/\s+/).slice(0, 7).join(' ');
  const result = chrono.parse(window, reference, { forwardDate: true })[0];
  if (!result || result.index > 2) return undefined;
  const certain = type === 'date' ? result.start.isCertain('day') || result.start.isCertain('weekday') : result.start.isCertain('hour');
  return certain ? result.text : undefined;
}

function typedValues(text: string, lexicon: Lexicon, reference: Date, anchored: Set<string>): ValueMention[] {
  const found: ValueMention[] = [];
  const free = (type: string) => lexicon.filter((e) => e.type === type && !anchored.has(e.slot.name) && !e.slot.values);
  for (const result of chrono.parse(text, reference, { forwardDate: true })) {
    const { start } = result;
    // One phrase can hold a date and a time ("December 5th at 7:30 pm"): each slot gets its own part, canonically written.
    if (start.isCertain('day') || start.isCertain('weekday')) assignUnique(found, free('date'), isoDate(start.date()), result.index);
    if (start.isCertain('hour')) assignUnique(found, free('time'), `${pad(start.get('hour') ?? 0)}:${pad(start.get('minute') ?? 0)}`, result.index);
  }
  for (const match of text.matchAll(TABLE_FOR)) {
    assignUnique(found, free('integer'), match[1]!, match.index ?? 0);
  }
  for (const match of text.matchAll(COUNT_NOUNS)) {
    const noun = match[2]!.toLowerCase();
    const slots = free('integer').filter((e) => e.phrases.some((p) => noun.startsWith(p) || p.startsWith(noun.replace(/s$/, ''))));
    assignUnique(found, slots.length > 0 ? slots : free('integer'), match[1]!, match.index ?? 0);
  }
  for (const entry of lexicon) {
    if (!entry.slot.values || anchored.has(entry.slot.name)) continue;
    for (const value of entry.slot.values) {
      if (/^\d+$/.test(value) || value.length < 3) continue;
      const match = new RegExp(`\\b${escapeRegExp(value)}\\b`, 'i').exec(text);
      if (match) {
        found.push({ slot: entry.slot.name, value, index: match.index, anchored: false });
        break;
      }
    }
  }
  return dedupe(found);
}

function isoDate(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function assignUnique(found: ValueMention[], candidates: SlotEntry[], value: string, index: number): void {
  const open = candidates.filter((e) => !found.some((m) => m.slot === e.slot.name));
  if (open.length === 1) found.push({ slot: open[0]!.slot.name, value, index, anchored: false });
}

function dedupe(mentions: ValueMention[]): ValueMention[] {
  const seen = new Set<string>();
  return mentions.filter((m) => (seen.has(m.slot) ? false : (seen.add(m.slot), true)));
}
