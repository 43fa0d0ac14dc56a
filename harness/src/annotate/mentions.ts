import type { Chrono } from 'chrono-node/en';
import { findDateTimes } from './datetime.js';
import { namesFeature, type Lexicon, type SlotEntry } from './lexicon.js';
import { words, matchesOf } from './text.js';

/** A typed value found in a text, before it is given to a slot. */
export interface Mention {
  kind: 'date' | 'time' | 'count' | 'amount' | 'value' | 'boolean';
  value: string;
  index: number;
  end: number;
  /** For allowed values and yes/no features: the slot the value belongs to. */
  slot?: string;
  /** For the two ends of a range ("from March 9th to 11th"): which end. */
  side?: 'from' | 'to';
}

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, single: 1, couple: 2, pair: 2,
};
const COUNT = /\b(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|single|couple|pair)\b/gi;
const AMOUNT = /(?:\$\s?(\d[\d,]*(?:\.\d+)?))|\b(\d[\d,]*(?:\.\d+)?)\s*(?:dollars?|bucks|usd|euros?|pounds)\b/gi;
const SPOKEN_AMOUNT = /\b((?:(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|a|and)[\s-]+)*(?:hundred|thousand))\s+(?:dollars?|bucks|usd|euros?|pounds)\b/gi;
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
// "upgrade from a deck seat", "instead of the terrace": the value the user leaves, not the one they want.
const ABOUT_THE_PERSON = /\b(?:date of birth|birth ?date|birthday|dob|born(?: on| in)?)\b[^.;]{0,12}$/i;
const LEFT_BEHIND = /(?:\b(?:instead of|rather than|other than|not)|\b(?:upgrad|downgrad|chang|switch|mov)\w*\s+(?:\w+\s+){0,3}?from)\s+(?:the\s+|my\s+|a\s+|an\s+|current\s+|their\s+)*$/i;
const ASKING_ABOUT = /\?|\b(whether|if (they|it|there)|do(es)? (they|it)|is there|are there|is it|are they|can i ask|check (with|if|whether|for|on)|let me know|tell me)\b/i;
const NEGATIONS = String.raw`\b(no|not|don'?t|doesn'?t|without|never|nor)\b`;
const NEGATION_WORD = new RegExp(NEGATIONS, 'i');
// A negation shortly before a word: "no pets", "without a vehicle".
const NEGATION = new RegExp(`${NEGATIONS}[^.,;]{0,25}$`, 'i');

/** Every typed value in a text: dates, times, counts, amounts, allowed values of categorical slots, yes/no features. */
export function findMentions(text: string, lexicon: Lexicon, parser: Chrono, reference: Date): Mention[] {
  // "My date of birth is 4 May 1990": a date about the person is no date of the task's (rule 11).
  const found: Mention[] = findDateTimes(parser, text, reference).filter((m) => m.kind !== 'date' || !ABOUT_THE_PERSON.test(text.slice(Math.max(0, m.index - 30), m.index)));
  if (/hundred|thousand/i.test(text)) for (const m of matchesOf(SPOKEN_AMOUNT, text)) {
    const value = spokenNumber(m[1]!);
    if (value !== undefined) push(found, { kind: 'amount', value: String(value), index: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  }
  if (/\d/.test(text)) for (const m of matchesOf(AMOUNT, text)) push(found, { kind: 'amount', value: String(Number((m[1] ?? m[2])!.replace(/,/g, ''))), index: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  for (const entry of lexicon) if (entry.kind === 'boolean') found.push(...feature(text, entry));
  found.push(...sharedValuesResolved(text, allowedValues(text, lexicon), lexicon).filter((m) => !LEFT_BEHIND.test(text.slice(Math.max(0, m.index - 25), m.index))));
  for (const m of matchesOf(COUNT, text)) {
    const index = m.index ?? 0;
    const value = /^\d+$/.test(m[1]!) ? Number(m[1]) : NUMBER_WORDS[m[1]!.toLowerCase()]!;
    // A house number ("2100 Avy Avenue"), a clock time or an ordinal is not a count.
    if (value > 50 || /^\s*(?:[A-Z]|:\d|st\b|nd\b|rd\b|th\b|%|am\b|pm\b|o'?clock)/.test(text.slice(index + m[0].length)) || /[#$]\s*$|\d:$/.test(text.slice(0, index))) continue;
    if (/^one$/i.test(m[1]!) && isPronoun(text, index, index + m[0].length)) continue;
    push(found, { kind: 'count', value: String(value), index, end: index + m[0].length });
  }
  return found.sort((a, b) => a.index - b.index);
}

/**
 * Two slots may allow the same value ("checking" for the account and for the
 * recipient's account): the one whose own words are near ("their savings
 * account" has none, "the recipient's savings" has one) wins, else the
 * plainer slot (fewer name words).
 */
function sharedValuesResolved(text: string, mentions: Mention[], lexicon: Lexicon): Mention[] {
  const kept: Mention[] = [];
  const near = (m: Mention) => new Set(words(text.slice(Math.max(0, m.index - 30), m.end + 20)).map((w) => w.stem));
  for (const mention of mentions) {
    const rivals = mentions.filter((o) => o.index === mention.index && o.end === mention.end);
    if (rivals.length > 1) {
      const entries = rivals.map((r) => lexicon.find((e) => e.slot.name === r.slot)!);
      const stems = near(mention);
      const own = (e: SlotEntry) => e.nameStems.filter((s) => stems.has(s) && !entries.every((o) => o.nameStems.includes(s))).length;
      const best = [...entries].sort((a, b) => own(b) - own(a) || a.nameStems.length - b.nameStems.length)[0]!;
      if (best.slot.name !== mention.slot) continue;
    }
    kept.push(mention);
  }
  return kept;
}

/** Slots two or more of whose allowed values a sentence offers as a choice ("checking or savings?"), with those values. */
export function choiceSlots(text: string, lexicon: Lexicon): Map<string, string[]> {
  const choices = new Map<string, string[]>();
  if (!/\bor\b/i.test(text)) return choices;
  const values = allowedValues(text, lexicon);
  for (const entry of lexicon) {
    const offered = [...new Set(values.filter((m) => m.slot === entry.slot.name).map((m) => m.value))];
    if (offered.length >= 2) choices.set(entry.slot.name, offered);
  }
  return choices;
}

// "…, Nord or Lyon?", "…: K7QX2P or 5R2DWM.": named things offered at the end of a question.
const OR_LIST = /(?:[,:(]|\b(?:between|either))\s*((?:[A-Z0-9#][\w#&'-]*(?:\s+[A-Z0-9][\w&'-]*){0,3}\s*,\s*)*[A-Z0-9#][\w#&'-]*(?:\s+[A-Z0-9][\w&'-]*){0,3})\s*,?\s+or\s+([A-Z0-9#][\w#&'-]*(?:\s+[A-Z0-9][\w&'-]*){0,3})\s*\)?\s*[?.]?\s*$/;

/** Names or codes a question offers to choose from at its end ("which station, Nord or Lyon?"). */
export function namedOptions(text: string): string[] {
  const match = / or /.test(text) ? OR_LIST.exec(text) : null;
  return match ? [...match[1]!.split(/\s*,\s*/), match[2]!].map((v) => v.trim()).filter((v) => v !== '') : [];
}

/** Adds a mention unless it overlaps one already found (dates and times are found first and win). */
function push(found: Mention[], mention: Mention): void {
  if (!found.some((m) => mention.index < m.end && mention.end > m.index)) found.push(mention);
}

/** Allowed values of categorical slots in a text, one mention per slot that allows the value (the first of each slot's). */
function allowedValues(text: string, lexicon: Lexicon): Mention[] {
  const index = lexicon.allowed;
  if (!index) return [];
  const found: Mention[] = [];
  for (const pattern of [index.long, index.short]) {
    if (!pattern) continue;
    for (const match of matchesOf(pattern, text)) {
      const key = match[0].length <= 3 ? match[0] : match[0].toLowerCase();
      for (const { slot, value } of index.slotsOf.get(key) ?? []) {
        if (!found.some((m) => m.slot === slot && m.value === value)) found.push({ kind: 'value', value, index: match.index ?? 0, end: (match.index ?? 0) + match[0].length, slot });
      }
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** A yes/no feature named in the text ("a shared ride", "no pets"): true, or false when negated just before. */
function feature(text: string, entry: SlotEntry): Mention[] {
  if (!entry.requestable || !entry.feature?.mentioned.test(text)) return [];
  // "Do they allow pets?", "find out whether they have wifi": asking about a feature is not wanting it; "still no vehicle?" states it.
  const asking = ASKING_ABOUT.test(text);
  if (asking && !NEGATION_WORD.test(text)) return [];
  const textWords = words(text);
  if (!namesFeature(entry, new Set(textWords.map((w) => w.stem)))) return [];
  const first = textWords.find((w) => entry.feature!.cues.includes(w.stem))!;
  const negated = NEGATION.test(text.slice(Math.max(0, first.index - 30), first.index));
  if (asking && !negated) return [];
  return [{ kind: 'boolean', value: negated ? 'False' : 'True', index: first.index, end: first.index + first.text.length, slot: entry.slot.name }];
}

/** "the one at 5 pm", "one way", "that one": "one" as a pronoun or determiner, not a count. */
function isPronoun(text: string, index: number, end: number): boolean {
  const before = text.slice(Math.max(0, index - 12), index);
  const after = text.slice(end, end + 12);
  if (/^[\s-]+(way|of|more|another|that|thing|last|other|option|too|else)\b/i.test(after)) return true;
  // "for one", "just one", "only one ticket": a count; "find one", "the one": a pronoun.
  return !/\b(for|just|only|of|party of)\s+$/i.test(before) && !/^\s+[a-z]{3,}/i.test(after.replace(/^\s+(for|at|on|in|to|please|and|or|from)\b.*/i, ''));
}

/** "one thousand three hundred and thirty" → 1330; undefined when a word is not a number word. */
function spokenNumber(text: string): number | undefined {
  let total = 0;
  let current = 0;
  for (const word of text.toLowerCase().split(/[\s-]+/)) {
    if (word === 'and' || word === '') continue;
    if (word === 'a') current = Math.max(current, 1);
    else if (word === 'hundred') current = Math.max(current, 1) * 100;
    else if (word === 'thousand') {
      total += Math.max(current, 1) * 1000;
      current = 0;
    } else if (TENS[word] !== undefined) current += TENS[word]!;
    else if (NUMBER_WORDS[word] !== undefined) current += NUMBER_WORDS[word]!;
    else return undefined;
  }
  return total + current;
}

export function countValue(text: string): number | undefined {
  return /^\d+$/.test(text) ? Number(text) : NUMBER_WORDS[text.toLowerCase()];
}
