import { stemmer } from 'stemmer';

/** A word of a text, with where it starts, lower-cased and stemmed. */
export interface Word {
  text: string;
  stem: string;
  index: number;
}

const WORD = /[a-z0-9]+(?:'[a-z]+)?/gi;

// A full stop after these ends no sentence: "the current prices vs. what you paid", "e.g. a date".
const ABBREVIATION = /\b(?:vs|e\.g|i\.e|approx|incl|Mr|Mrs|Ms|Dr|cf)\.$/;

/** Splits a message into sentences; a question mark, full stop (not of an abbreviation) or exclamation mark followed by space ends one. */
export function sentences(text: string): string[] {
  const parts: string[] = [];
  for (const part of text.split(/(?<=[.!?])[ \t]+|(?<=\?)(?=[A-Z])|\n+/)) {
    const last = parts.length - 1;
    if (last >= 0 && ABBREVIATION.test(parts[last]!)) parts[last] = `${parts[last]} ${part}`;
    else parts.push(part);
  }
  return parts.map((s) => s.trim()).filter((s) => s.length > 0);
}

// The same text is read by several rules in a row: remember the last few (a memo of a pure function).
const RECENT = new Map<string, Word[]>();

/** The words of a text, lower-cased, with Porter stems ("reservation" and "reserve" share "reserv"). Do not modify the result. */
export function words(text: string): Word[] {
  let found = RECENT.get(text);
  if (!found) {
    if (RECENT.size >= 64) RECENT.delete(RECENT.keys().next().value!);
    RECENT.set(text, (found = splitWords(text)));
  }
  return found;
}

function splitWords(text: string): Word[] {
  const found: Word[] = [];
  for (const match of text.matchAll(WORD)) {
    const lower = match[0].toLowerCase().replace(/'s$/, '');
    found.push({ text: lower, stem: stemOf(lower), index: match.index ?? 0 });
  }
  return found;
}

// A memo of a pure function (stemming is the tagger's most repeated step); bounded so it cannot grow without limit.
const STEMS = new Map<string, string>();

/** The Porter stem of one lower-case word. */
export function stemOf(word: string): string {
  let stem = STEMS.get(word);
  if (stem === undefined) {
    if (STEMS.size > 50_000) STEMS.clear();
    STEMS.set(word, (stem = stemmer(word)));
  }
  return stem;
}

/** The set of stems in a text. */
export function stemSet(text: string): Set<string> {
  return new Set(words(text).map((w) => w.stem));
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
