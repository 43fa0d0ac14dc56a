import type { SlotKind } from './slot-kinds.js';
import { words, matchesOf } from './text.js';

/** A word or phrase that makes a clause ask for something. */
export interface Cue {
  /** Kinds of slot the cue asks for; empty: the slot its clause names ("a preference for the date?"). */
  kinds: SlotKind[];
  index: number;
  /** Where the cue's words end: a verb of asking's object starts here. */
  end: number;
  /** How the cue asks: a question word (checked for being one), a verb of asking, a word of preference. */
  form: 'question-word' | 'verb' | 'preference' | 'phrase';
  /** Stems that make a slot fit this cue better ("how long": length, days). */
  hints?: string[];
  /** Taken from the clause before ("departure and arrival cities?"): the whole clause is what it asks for. */
  borrowed?: boolean;
}

const QUESTION_WORD = /^(?:(?:at|for|on|in)\s+)?(what|which|whats|what's|when|where|who|whom|whose|how)\b/;

/** Question words and what sort of slot they ask for. */
const CUES: ReadonlyArray<[RegExp, SlotKind[]]> = [
  [/\b(what|which|whats|what's|at what|for what|any (particular|specific|preferred))( \w+){0,3} time\b|\bwhat hour\b|\bhow early\b/g, ['time']],
  [/\b(what|which|whats|what's|for what|on what|in what|any (particular|specific|preferred))( \w+){0,3} (date|day)s?\b/g, ['date']],
  [/\bwhen\b/g, ['date', 'time']],
  [/\bhow many\b|\bnumber of\b/g, ['count']],
  [/\bhow long\b|\bhow many (days|nights|weeks)\b/g, ['count', 'date']],
  [/\bhow much\b|\bwhat amount\b/g, ['amount']],
  [/\bwhere\b|\b(what|which|whats|what's|in what|in which|any (particular|specific))( \w+){0,3} (city|town|place|location|area|country|state|neighbou?rhood|region|destination|address|airport|station)\b/g, ['location']],
  [/\bwho\b|\bwhom\b|\bwhat name\b|\bwhose name\b/g, ['person', 'name']],
  [/\b(what|which|any)( \w+)? (kind|type|sort|category|genre|style|class)\b/g, ['category']],
  [/\bpreferences?\b|\bprefer\b|\b(specific|particular|certain|preferred|favou?rite|suggestions?)\b|\bin mind\b/g, []],
  [/\b(what|which|whats|what's)\b|\b(tell|give|provide|share|specify|let me know|confirm|send)\b(?:\s+(?:me|us|with|again|please|also))*\s+(the|your)\b|\b(i|we)('ll| will| would|'d)? (also )?(need|require)\b(?:\s+(?:to know|to have|from you))?\s+(the|your)\b/g, []],
];
// Every cue has one of these words: most clauses have none, and are not scanned cue by cue.
const ANY_CUE = /\b(?:what|which|when|where|who|whom|whose|how|number|prefer|preferences?|specific|particular|certain|preferred|favou?rite|suggestions?|mind|any|tell|give|provide|share|specify|know|confirm|send|need|require)/i;
const DURATION_HINTS = ['length', 'durat', 'dai', 'day', 'night', 'week', 'stai', 'long'];

/** One part of a sentence between commas, "and" and "or", with its cues. */
export interface Clause {
  text: string;
  cues: Cue[];
}

/** Splits at commas and "and"/"or", so "from where and where to?" asks for two places; a cue-less tail ("and to?") borrows the last cue. */
export function clauses(sentence: string, endsJourney: (text: string) => boolean, asks: (clause: string, cue: Cue, first: boolean) => boolean): Clause[] {
  const parts = sentence.split(/,|;|\band\b|\bor\b/i).map((text, i) => ({ text, cues: cuesIn(text, (cue) => asks(text, cue, i === 0)) }));
  parts.forEach((part, i) => {
    const previous = parts[i - 1];
    if (part.cues.length === 0 && previous && previous.cues.length > 0 && words(part.text).length <= 2 && endsJourney(part.text)) {
      part.cues = [{ ...previous.cues[previous.cues.length - 1]!, borrowed: true }];
    }
  });
  return parts;
}

/** The cues of a clause that ask (a question word in a subordinate clause does not), the specific ones first. */
function cuesIn(text: string, asks: (cue: Cue) => boolean): Cue[] {
  const cues: Cue[] = [];
  if (!ANY_CUE.test(text)) return cues;
  for (const [pattern, kinds] of CUES) {
    for (const match of matchesOf(pattern, text)) {
      const index = match.index ?? 0;
      if (cues.some((c) => c.index === index)) continue;
      const cue: Cue = { kinds, index, end: index + match[0].length, form: formOf(match[0], kinds), ...(/how long|how many (days|nights|weeks)/.test(match[0]) ? { hints: DURATION_HINTS } : {}) };
      if (asks(cue)) cues.push(cue);
    }
  }
  // A generic cue ("which", "a preference") counts only in a clause with no specific one, and only the first.
  const specific = cues.filter((c) => c.kinds.length > 0);
  if (specific.length > 0) cues.splice(0, cues.length, ...specific);
  else cues.sort((a, b) => a.index - b.index).splice(1);
  // "what time" also matches "when"-less date patterns: keep the most specific cue per position.
  return cues.filter((c) => !(c.kinds.length > 1 && cues.some((o) => o !== c && o.kinds.length === 1 && c.kinds.includes(o.kinds[0]!) && Math.abs(o.index - c.index) < 12)));
}

function formOf(text: string, kinds: SlotKind[]): Cue['form'] {
  if (QUESTION_WORD.test(text)) return 'question-word';
  if (kinds.length > 0) return 'phrase';
  return /^(prefer|specific|particular|certain|preferred|favou?rite|in mind|preferences?|suggestions?)\b/.test(text) ? 'preference' : 'verb';
}
