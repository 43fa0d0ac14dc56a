import type { Chrono } from 'chrono-node/en';
import { assignMentions, type ValueMention } from './assign-values.js';
import { identifierValues } from './identifier-values.js';
import { calledValues, placeValues, requestedNames } from './free-values.js';
import type { Lexicon, SlotEntry } from './lexicon.js';
import { findMentions, type Mention } from './mentions.js';
import { normalizeNumber } from './normalize.js';
import { matchesOf } from './text.js';

export type { ValueMention };

/** A phrase naming a slot, with or without a value next to it. */
export interface SlotPhrase {
  slot: string;
  index: number;
  end: number;
}

/** What value extraction needs besides the text. */
export interface ExtractContext {
  lexicon: Lexicon;
  parser: Chrono;
  reference: Date;
  /** Slots the bot just asked for: a bare value of their kind is theirs. */
  requested?: readonly string[];
}

const CONNECTOR = /^\s*(?:is|are|was|will be|should be|would be|to be|becomes|=|:|of|for|at|on)?\s*(?:the\s+)?/i;

/** Phrases naming slots; where two overlap, the longer (the pattern tries longest first). */
export function findSlotPhrases(text: string, lexicon: Lexicon): SlotPhrase[] {
  const index = lexicon.phrases;
  if (!index) return [];
  const found: SlotPhrase[] = [];
  for (const match of matchesOf(index.pattern, text)) {
    const phrase = match[0].toLowerCase();
    const slot = index.slotOf.get(phrase) ?? index.slotOf.get(phrase.replace(/s$/, ''));
    if (slot) found.push({ slot, index: match.index ?? 0, end: (match.index ?? 0) + match[0].length });
  }
  return found;
}

/**
 * Values stated in a text: next to a phrase naming their slot ("the party
 * size is 4"), typed values given to the slot they fit, places after a
 * preposition, names after "called".
 */
export function extractValues(text: string, context: ExtractContext): ValueMention[] {
  const all = findMentions(text, context.lexicon, context.parser, context.reference);
  const consumed = new Set<Mention>();
  const anchored = anchoredValues(text, context, all, consumed);
  anchored.push(...identifierValues(text, context.lexicon, context.requested ?? [], anchored));
  const taken = new Set(anchored.map((m) => m.slot));
  const mentions = all.filter((m) => !consumed.has(m) && !anchored.some((a) => a.slot === m.slot));
  const typed = assignMentions(text, mentions, context.lexicon.filter((e) => !taken.has(e.slot.name)), context.requested ?? []);
  for (const m of typed) taken.add(m.slot);
  const places = placeValues(text, context.lexicon, taken);
  for (const m of places) taken.add(m.slot);
  const names = [...calledValues(text, context.lexicon, taken), ...requestedNames(text, context.lexicon, context.requested ?? [], taken)].filter((m) => !places.some((p) => p.value === m.value));
  const free = [...places, ...names].filter((m) => !typed.some((t) => m.index <= t.index && t.index < m.index + m.value.length));
  return [...anchored, ...typed, ...free].sort((a, b) => a.index - b.index);
}

/** Values right after a phrase naming their slot; a date or time is the one already found there (its mention is consumed). */
function anchoredValues(text: string, context: ExtractContext, mentions: readonly Mention[], consumed: Set<Mention>): ValueMention[] {
  const found: ValueMention[] = [];
  for (const phrase of findSlotPhrases(text, context.lexicon)) {
    if (found.some((m) => m.slot === phrase.slot)) continue;
    // "who the director is", "what type of food is on the menu": a question about the slot, not a value for it.
    if (/\b(what|who|which|where|when|how|whether|if)\s+(\w+\s+){0,3}$/i.test(text.slice(Math.max(0, phrase.index - 30), phrase.index))) continue;
    // A lexicon holds a task's few slots: a look-up by name beats building a map for every sentence.
    const value = valueAfter(text.slice(phrase.end), phrase.end, context.lexicon.find((e) => e.slot.name === phrase.slot)!, mentions, consumed);
    if (value !== undefined) found.push({ slot: phrase.slot, value, index: phrase.index, anchored: true });
  }
  return found;
}

function valueAfter(rest: string, offset: number, entry: SlotEntry, mentions: readonly Mention[], consumed: Set<Mention>): string | undefined {
  const connector = CONNECTOR.exec(rest)?.[0] ?? '';
  if (!/\b(is|are|was|be|becomes)\b|[=:]/.test(connector) && (entry.type === 'string' || entry.type === 'boolean')) return undefined;
  const tail = rest.slice(connector.length);
  if (entry.slot.values) return entry.slot.values.slice().sort((a, b) => b.length - a.length).find((v) => tail.toLowerCase().startsWith(v.toLowerCase()) && !/^\w/.test(tail.slice(v.length)));
  switch (entry.type) {
    case 'date':
    case 'time': {
      const start = offset + connector.length;
      const found = mentions.find((m) => m.kind === entry.type && m.index >= start - 1 && m.index <= start + 3 && !consumed.has(m));
      if (found) consumed.add(found);
      return found?.value;
    }
    case 'integer':
    case 'number': {
      const match = /^\$?(\d+(?:\.\d+)?|[a-z]+)\b/i.exec(tail);
      return match && normalizeNumber(match[1]!) !== undefined ? match[1] : undefined;
    }
    default: {
      const match = /^(.+?)(?=\s*(?:,|;|\.(?:\s|$)|!|\?|\s+and\s|\s+(?:at|on|for)\s+\d|$))/.exec(tail);
      const value = match?.[1]?.trim();
      return value && /[a-z0-9]/i.test(value) && value.split(/\s+/).length <= 6 && !/^(you|i|we|it)\b/i.test(value) ? value : undefined;
    }
  }
}
