import { namesFeature, type Lexicon, type SlotEntry } from './lexicon.js';
import type { Side, SlotKind } from './slot-kinds.js';
import { clauses, type Cue } from './question-cues.js';
import { asksAt, focusAfter } from './question-focus.js';
import { words, type Word, matchesOf } from './text.js';

/** One thing a question asks for: the best slot, and any slot that fits as well. */
export interface AskedSlot {
  slot: string;
  /** Other slots that fit the question equally well; the user's answer may tell which was meant. */
  alternatives: string[];
  /** Asks for another value than one given: "another card", "what other time". */
  another?: boolean;
  /** The sentence that asks. */
  sentence?: string;
}

const MEASURES = new Set<SlotKind>(['amount', 'count', 'date', 'time']);
const ABOUT_THE_PERSON = /\b(?:date|day)s? of (?:birth|issue|expiry|expiration)\b|\b(?:birth|expiry|expiration|issue) ?dates?\b|\bbirthday\b|\bdob\b/;
const KIND_NOUNS: Record<string, SlotKind> = { date: 'date', dai: 'date', time: 'time', hour: 'time', citi: 'location', town: 'location', place: 'location', locat: 'location', area: 'location' };
const OFFERS_HELP = /\b(can|may|could|shall) i (help|assist)|\b(help|assist) you with\b|\banything else\b|\bother (matter|thing|question)s?\b/i;
// Words that point at one end of a journey in a question.
const FROM_MARKERS = /\b(from|depart\w*|leav\w*|origin\w*|start\w*|pick(ing)? (it |them )?up|pickup|collect|embark\w*|coming|fly(ing)? out|check(ing)? in)\b/i;
const DATE_TO_MARKERS = /\b(until|till|return\w*|back|drop(ping)? (it )?off|dropoff|end\w*|check(ing)? out)\b/i;
// "to where", "where to": the far end.
const TO_WHERE = /\bto where\b|\bwhere to\b|\b(fly(ing)?|travel\w*|go(ing)?|head(ing|ed)?) where\b/i;
const TO_MARKERS = /\b(until|till|headed|heading|going|go|visit\w*|destination|arriv\w*|drop(ping)? (it )?off|dropoff|return\w*|back|travel(l?ing)? to)\b|\bto\s*\??$/i;

/**
 * The slots a bot sentence asks for. Question words give the kind of slot
 * (when: a date; where: a place; how many: a count); the words around them
 * and the slots' names and descriptions pick the slot among that kind; a
 * slot named outright ("the pickup time?") is asked for too.
 */
export function askedSlots(text: string, lexicon: Lexicon): AskedSlot[] {
  // A capitalised question word inside a sentence is part of a title ("The Man Who Knew Too Much") and asks nothing.
  const sentence = lowerFirst(text).replace(/(\S\s+)(?:Who|What|When|Where|Which|How)\b/g, '$1_').toLowerCase();
  const candidates = lexicon.filter((e) => e.requestable);
  // "Is there anything else I can help you with?", "Where else can I help?": an offer of more help asks for no slot.
  // "How about the 6:40 bus, which leaves from…?" proposes; it does not ask.
  if (candidates.length === 0 || OFFERS_HELP.test(sentence) || /\b(how|what) about\b/.test(sentence)) return [];
  const sentenceWords = words(sentence);
  const asked: AskedSlot[] = [];
  const add = (pick: AskedSlot | undefined, clause = sentence) => {
    if (!pick || asked.some((a) => a.slot === pick.slot)) return;
    asked.push({ ...pick, sentence: text, ...(asksForAnother(clause, candidates.find((e) => e.slot.name === pick.slot)!) ? { another: true } : {}) });
  };
  const asks = (clause: string, cue: Cue, first: boolean) => cue.form !== 'question-word' || asksAt(clause, cue.index, cue.kinds.length > 0, first, sentence);
  for (const clause of clauses(sentence, (text) => sideOf(text, []) !== undefined, asks)) {
    const clauseWords = words(clause.text);
    for (const cue of clause.cues) {
      if (cue.kinds.length > 0) {
        if (!aboutAnotherThing(clause.text, cue.kinds)) add(best(candidates.filter((e) => cue.kinds.includes(e.kind)), clauseWords, sentenceWords, sideOf(clause.text, cue.kinds), cue), clause.text);
        continue;
      }
      add(askedByFocus(clause.text, clauseWords, cue, candidates, sentenceWords), clause.text);
    }
  }
  // "Departing from?", "Flying to?": a short question ending on a preposition asks for that end of the journey.
  if (asked.length === 0 && sentenceWords.length <= 4 && /\b(from|to)\s*\?\s*$/.test(sentence)) {
    add(best(candidates.filter((e) => e.kind === 'location'), sentenceWords, sentenceWords, sideOf(sentence, ['location']), { kinds: ['location'], index: 0, end: 0, form: 'phrase' }));
  }
  // A sentence asks for one value of a kind: "the number of days ... the room" does not also ask the number of rooms.
  const askedKinds = new Set(asked.map((a) => candidates.find((e) => e.slot.name === a.slot)?.kind));
  for (const entry of namedOutright(sentence, candidates.filter((e) => !askedKinds.has(e.kind)), asked)) {
    // A slot named in a question that already asks something ("to whom should the amount go?") is context, unless it is a yes/no feature or a choice.
    if (asked.length === 0 || entry.kind === 'boolean' || entry.slot.values) add({ slot: entry.slot.name, alternatives: [] });
  }
  return asked;
}

export function lowerFirst(text: string): string {
  const trimmed = text.trimStart();
  return trimmed.charAt(0).toLowerCase() + trimmed.slice(1);
}

function sideOf(text: string, kinds: readonly SlotKind[]): Side | undefined {
  // "Where are you going from?": a closing "from" or "to" outweighs the verb.
  if (/\bfrom\s*\?*\s*$/i.test(text)) return 'from';
  if (/\bto\s*\?*\s*$/i.test(text) || TO_WHERE.test(text)) return 'to';
  const from = FROM_MARKERS.test(text);
  // For a date, the other end is the return or the end of a rental, not where one goes ("the date of your visit").
  const to = (kinds.includes('date') && !kinds.includes('location') ? DATE_TO_MARKERS : TO_MARKERS).test(text);
  return from === to ? undefined : from ? 'from' : 'to';
}

function best(entries: SlotEntry[], clauseWords: Word[], sentenceWords: Word[], side: Side | undefined, cue: Cue): AskedSlot | undefined {
  if (entries.length === 0) return undefined;
  const scored = entries
    .map((entry) => ({ entry, score: fit(entry, clauseWords, sentenceWords, side, cue) }))
    .sort((a, b) => b.score - a.score);
  const top = scored[0]!;
  const tied = scored.filter((s) => s !== top && top.score - s.score < 0.25).map((s) => s.entry.slot.name);
  return { slot: top.entry.slot.name, alternatives: tied };
}

/**
 * For a question word that says nothing of the kind ("which", "any
 * particular"), the noun after it decides ("what restaurant"), and only a
 * clear winner counts: "any specific event?" names a word many slots share.
 */
function clearBest(entries: SlotEntry[], clause: string, focus: Word[], sentenceWords: Word[], cue: Cue, candidates: SlotEntry[]): AskedSlot | undefined {
  // "Let me know the date of your trip": a noun naming a kind makes it a question of that kind.
  const kindAt = focus.findIndex((w) => KIND_NOUNS[w.stem] !== undefined);
  const kind = kindAt >= 0 ? KIND_NOUNS[focus[kindAt]!.stem] : undefined;
  if (kind) {
    if (aboutAnotherThing(clause, [kind])) return undefined;
    return best(candidates.filter((e) => e.kind === kind), words(clause), sentenceWords, sideOf(clause, [kind]), { ...cue, kinds: [kind] });
  }
  const side = sideOf(clause, []);
  const scored = entries
    .map((entry) => ({ entry, score: fit(entry, focus, sentenceWords, side, cue) + 2 * focus.reduce((sum, w) => sum + stemWeight(entry, w.stem), 0) }))
    .sort((a, b) => b.score - a.score);
  const [top, second] = scored;
  if (!top || (second && top.score - second.score < 1)) return undefined;
  return { slot: top.entry.slot.name, alternatives: [] };
}

/** How well a slot fits: shared words (clause first), the end of the journey, the preferred kind. */
function fit(entry: SlotEntry, clauseWords: Word[], sentenceWords: Word[], side: Side | undefined, cue: Cue): number {
  const overlap = (ws: Word[]) => [...new Set(ws.map((w) => w.stem))].reduce((sum, s) => sum + stemWeight(entry, s), 0);
  let score = overlap(clauseWords) + 0.3 * overlap(sentenceWords) + 0.2 * entry.priority;
  if (cue.hints?.some((h) => entry.stems.has(h))) score += 3;
  // "How long do you need the car?": a length of time, or else the date it ends.
  if (cue.hints && entry.kind === 'date' && entry.side) score += entry.side === 'to' ? 1 : -1;
  if (side && entry.side) score += entry.side === side ? 2 : -2;
  if (!side && entry.side === 'to') score -= 0.5;
  score -= 0.3 * Math.max(0, cue.kinds.indexOf(entry.kind));
  return score;
}

/** A stem's weight for a slot; a compound ("bedrooms") gets part of the weight of the stem it starts with ("bed"). */
export function stemWeight(entry: SlotEntry, stem: string): number {
  const exact = entry.stems.get(stem);
  if (exact !== undefined) return exact;
  // "originally" is not an origin: an adverb is no compound of its stem.
  if (stem.length < 5 || stem.endsWith('li')) return 0;
  for (const [s, w] of entry.stems) if (s.length >= 3 && stem.startsWith(s)) return 0.7 * w;
  return 0;
}

/**
 * Slots named outright in a question: a name of two words or more ("what's
 * the pickup time?", "a shared ride?"), or two of a slot's allowed values
 * ("checking or savings?"). A one-word name ("date") is too common to count alone.
 */
function namedOutright(sentence: string, candidates: SlotEntry[], asked: AskedSlot[]): SlotEntry[] {
  const stems = new Set(words(sentence).map((w) => w.stem));
  const lower = sentence.toLowerCase();
  return candidates.filter((e) => {
    if (asked.some((a) => a.slot === e.slot.name)) return false;
    // A two-word name must appear as written ("the pickup time"); a yes/no feature may be reworded ("share the ride").
    const named = e.kind === 'boolean' ? namesFeature(e, stems) : (e.namePattern?.test(lower) ?? false);
    return named || (e.kind !== 'boolean' && e.valuePatterns.filter((p) => p.test(lower)).length >= 2);
  });
}

// "another card", "the new address", "what other time": a value other than the one given.
const ANOTHER = /\b(another|other|new|different|next|additional|alternative|alternate|else)\b/g;

/** Whether the asking clause wants another value than the one given; a word of the slot's own name ("new appointment time") does not count. */
function asksForAnother(clause: string, entry: SlotEntry): boolean {
  return matchesOf(ANOTHER, clause).some((m) => !entry.nameStems.includes(words(m[0])[0]!.stem));
}

/** What a cue that names no kind ("which", "provide your", "a preference") asks for: the slot its focus names. */
function askedByFocus(clause: string, clauseWords: Word[], cue: Cue, candidates: SlotEntry[], sentenceWords: Word[]): AskedSlot | undefined {
  const focus = cue.borrowed ? clauseWords : cue.form === 'preference' ? preferenceFocus(clause, cue) : focusAfter(clause, cue.form === 'question-word' ? cue.index : cue.end, cue.form === 'question-word');
  const pick = clearBest(candidates.filter((e) => focus.some((w) => stemWeight(e, w.stem) >= 1)), clause, focus, sentenceWords, cue, candidates);
  const entry = pick && candidates.find((e) => e.slot.name === pick.slot)!;
  // "Which voucher?" names a thing: it asks for an amount, a count or a date only by the head of that slot's name ("the voucher amount", "the length of your stay").
  return entry && (!MEASURES.has(entry.kind) || focus.some((w) => w.stem === entry.nameStems.at(-1) || KIND_NOUNS[w.stem] === entry.kind)) ? pick : undefined;
}

/** "Any preferences regarding the table?", "a specific city in mind?": the phrase after the word of preference; "a food preference?": the words before it. */
function preferenceFocus(clause: string, cue: Cue): Word[] {
  const after = focusAfter(clause, cue.end, false);
  return after.length > 0 ? after : words(clause).filter((w) => w.index < cue.index);
}

/**
 * "Which date of birth…?", "your birth date": a date about the person, not
 * the task's; identity checks ask for these in any domain.
 */
function aboutAnotherThing(clause: string, kinds: readonly SlotKind[]): boolean {
  return kinds.includes('date') && ABOUT_THE_PERSON.test(clause);
}
