import { stemmer } from 'stemmer';

/** A word of a text, with where it starts, lower-cased and stemmed. */
export interface Word {
  text: string;
  stem: string;
  index: number;
}

const WORD = /[a-z0-9]+(?:'[a-z]+)?/gi;

/** Splits a message into sentences; a question mark, full stop or exclamation mark followed by space ends one. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|(?<=\?)(?=[A-Z])|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** The words of a text, lower-cased, with Porter stems ("reservation" and "reserve" share "reserv"). */
export function words(text: string): Word[] {
  const found: Word[] = [];
  for (const match of text.matchAll(WORD)) {
    const lower = match[0].toLowerCase().replace(/'s$/, '');
    found.push({ text: lower, stem: stemOf(lower), index: match.index ?? 0 });
  }
  return found;
}

/** The stem of one lower-case word; "pickup" and "pick up" both give "pick"-based stems. */
export function stemOf(word: string): string {
  return stemmer(word);
}

/** The set of stems in a text. */
export function stemSet(text: string): Set<string> {
  return new Set(words(text).map((w) => w.stem));
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
