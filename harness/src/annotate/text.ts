import { stemmer } from 'stemmer';
import { recall } from './memo.js';

/** A word of a text, with where it starts, lower-cased and stemmed. */
export interface Word {
  text: string;
  stem: string;
  index: number;
}

const WORD = /[a-z0-9]+(?:'[a-z]+)?/gi;

// A full stop after these ends no sentence: "the current prices vs. what you paid", "e.g. a date".
const ABBREVIATION = /\b(?:vs|e\.g|i\.e|approx|incl|Mr|Mrs|Ms|Dr|cf)\.$/;

/** Splits a message into sentences; a question mark, full stop (not of an abbreviation) or exclamation mark followed by space ends one, also inside a closing quote ("… “rent for May.” Please …"). */
export function sentences(text: string): string[] {
  return recall(RECENT_SENTENCES, 32, text, splitSentences);
}

// The same message is split by several rules in a row (a memo of a pure function; callers do not modify the result).
const RECENT_SENTENCES = new Map<string, string[]>();
// Where a sentence ends: ".", "!" or "?" (and a closing quote or bracket) before spaces or tabs, "?" before a capital, line breaks.
const SENTENCE_END = /[.!?]["”’»)]?[ \t]+|\?(?=[A-Z])|\n+/g;

/**
 * Cuts at a run of spaces or tabs after ".", "!" or "?" (or after one of
 * them and a closing quote or bracket), between "?" and a capital letter,
 * and at line breaks, keeping the punctuation with its sentence; then joins
 * back what an abbreviation's full stop cut. (A pattern without look-behind:
 * the tagger splits every message.)
 */
function splitSentences(text: string): string[] {
  const parts: string[] = [];
  let start = 0;
  const cut = (end: number, next: number) => {
    const part = text.slice(start, end);
    const last = parts.length - 1;
    if (last >= 0 && ABBREVIATION.test(parts[last]!)) parts[last] = `${parts[last]} ${part}`;
    else parts.push(part);
    start = next;
  };
  for (const match of matchesOf(SENTENCE_END, text)) {
    const at = match.index ?? 0;
    const found = match[0];
    if (found[0] === '\n') cut(at, at + found.length);
    else if (found === '?') cut(at + 1, at + 1);
    else cut(at + found.search(/[ \t]/), at + found.length);
  }
  cut(text.length, text.length);
  return parts.map((s) => s.trim()).filter((s) => s.length > 0);
}

// The same text is read by several rules in a row: remember the last few (a memo of a pure function).
const RECENT = new Map<string, Word[]>();

/** The words of a text, lower-cased, with Porter stems ("appointment" and "appoint" share "appoint"). Do not modify the result. */
export function words(text: string): Word[] {
  return recall(RECENT, 64, text, splitWords);
}

function splitWords(text: string): Word[] {
  const found: Word[] = [];
  for (const match of matchesOf(WORD, text)) {
    const word = match[0].toLowerCase();
    // "Ada's" as "ada" (a test of the end, not a pattern: every word of every message passes here).
    const lower = word.endsWith("'s") ? word.slice(0, -2) : word;
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

/**
 * The matches of a global pattern in a text, as `[...text.matchAll(pattern)]`
 * gives them (from the pattern's lastIndex, which it leaves as it found it),
 * without the copy of the pattern matchAll makes on every call: the tagger
 * scans every sentence with a dozen patterns. All matches are taken before the
 * caller reads one, so a caller may use the same pattern again meanwhile.
 */
export function matchesOf(pattern: RegExp, text: string): RegExpExecArray[] {
  if (!pattern.global) throw new TypeError(`matchesOf needs a global pattern, not ${pattern}`);
  const start = pattern.lastIndex;
  const found: RegExpExecArray[] = [];
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    found.push(match);
    // An empty match moves on by one character (a code point, in unicode mode), as matchAll does.
    if (match[0] === '') pattern.lastIndex += /[uv]/.test(pattern.flags) && (text.codePointAt(pattern.lastIndex) ?? 0) > 0xffff ? 2 : 1;
  }
  pattern.lastIndex = start;
  return found;
}

/** Typographic apostrophes made plain ("that’s" as "that's"); most texts have none, and keep their string (and the memos keyed by it). */
export function straightApostrophes(text: string): string {
  return text.includes('’') || text.includes('‘') ? text.replace(/[’‘]/g, "'") : text;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
