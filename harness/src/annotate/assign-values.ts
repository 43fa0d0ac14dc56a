import type { SlotEntry } from './lexicon.js';
import type { Mention } from './mentions.js';
import type { Side, SlotKind } from './slot-kinds.js';
import { stemOf, words, type Word } from './text.js';

/** A value stated for a slot in a text. */
export interface ValueMention {
  slot: string;
  value: string;
  /** Where the value (or the phrase naming its slot) starts, for ordering. */
  index: number;
  /** Found next to a phrase naming the slot, rather than by its type alone. */
  anchored: boolean;
  /** Read as free text (a name, a place) rather than a typed value. */
  free?: boolean;
}

const KINDS_OF: Record<Mention['kind'], SlotKind[]> = { date: ['date'], time: ['time'], count: ['count', 'category'], amount: ['amount'], value: [], boolean: [] };
// Nouns that count people: "4 people" fits a slot about seats, riders, passengers, tickets or guests.
const PEOPLE = /^(people|persons?|guests?|adults?|of us|passengers?|travell?ers?|riders?|tickets?|seats?|party|pax|diners?|attendees?|members?)$/;
const PEOPLE_SLOT = /\b(seat|passeng|travel|rider|peopl|person|guest|adult|ticket|parti|diner|attende|member|group)/;
const FROM_BEFORE = /\b(from|leaving|departing|starting|out of|pick(ing)? (it )?up|check(ing)? in)\s+(on\s+|at\s+|in\s+)?(the\s+)?$/i;
const TO_BEFORE = /\b(to|until|till|through|back|return(ing)?|drop(ping)? (it )?off|end(ing)?|check(ing)? out)\s+(on\s+|at\s+|in\s+|by\s+)?(the\s+)?$/i;

/**
 * Gives each typed value a slot: an allowed value is its slot's; otherwise
 * among the slots of the value's kind, the one the bot just asked for, or
 * the one the surrounding words name ("1 room", "leaving on the 4th",
 * "from ... to ..."). Ambiguous values stay unassigned: a wrong slot costs
 * more (a false re-ask) than a missing one.
 */
export function assignMentions(text: string, mentions: readonly Mention[], lexicon: readonly SlotEntry[], requested: readonly string[]): ValueMention[] {
  if (mentions.length === 0) return [];
  const assigned: ValueMention[] = [];
  const scene: Scene = { text, textWords: words(text), lexicon, requested, taken: new Set<string>(), all: mentions };
  const { taken } = scene;
  for (const mention of mentions) {
    const slot = mention.slot ?? pick(mention, scene);
    if (!slot || taken.has(slot)) continue;
    taken.add(slot);
    assigned.push({ slot, value: mention.value, index: mention.index, anchored: false });
  }
  return assigned;
}

/** The text a value was found in, and what is already decided about it. */
interface Scene {
  text: string;
  textWords: Word[];
  lexicon: readonly SlotEntry[];
  /** Slots the bot just asked for. */
  requested: readonly string[];
  /** Slots already given a value in this text. */
  taken: Set<string>;
  /** Every value found in the text. */
  all: readonly Mention[];
}

function pick(mention: Mention, { text, textWords, lexicon, requested, taken, all }: Scene): string | undefined {
  const kinds = KINDS_OF[mention.kind];
  // Only slots an action takes are given by users; results (a ride's duration) are not.
  const pool = lexicon.filter((e) => e.requestable && kinds.includes(e.kind) && !taken.has(e.slot.name) && (e.kind !== 'category' || numericValues(e)));
  if (pool.length === 0) return undefined;
  const side = mention.side ?? sideBefore(text.slice(Math.max(0, mention.index - 30), mention.index));
  const near = textWords.filter((w) => w.index >= mention.index - 30 && w.index <= mention.end + 25 && !(w.index >= mention.index && w.index < mention.end));
  // The word after a count, unless it belongs to another value ("for 3 tomorrow").
  const next = textWords.find((w) => w.index >= mention.end);
  const noun = next && !all.some((m) => m !== mention && next.index >= m.index && next.index < m.end) ? next.text : undefined;
  const scored = pool
    .map((entry) => {
      const evidence = score(entry, near, mention.index, noun, side, requested, mention.kind);
      return { entry, evidence, score: evidence + prior(entry, side) };
    })
    .sort((a, b) => b.score - a.score);
  const [top, second] = scored;
  if (!top) return undefined;
  const needsEvidence = pool.length > 1 || top.entry.kind === 'category' || (mention.kind === 'count' && (nounMismatch(noun, top.entry) || labelled(textWords, text, mention)));
  // A date or time may go to the default end ("on December 5th": the journey, not the return); anything else needs words for it.
  const chronological = mention.kind === 'date' || mention.kind === 'time';
  if (needsEvidence && (chronological ? top.score : top.evidence) <= 0) return undefined;
  if (second && top.score - second.score < 0.25) return undefined;
  return top.entry.slot.name;
}

function score(entry: SlotEntry, near: Word[], at: number, noun: string | undefined, side: Side | undefined, requested: readonly string[], kind: Mention['kind']): number {
  let total = requested.includes(entry.slot.name) ? 3 : 0;
  // Words before a value say what it is ("check in on the 5th") more than words after it.
  for (const w of near) total += (w.index < at ? 0.5 : 0.2) * (entry.stems.get(w.stem) ?? (w.text.length > 4 && entry.prefixStems.some((s) => w.text.startsWith(s)) ? 0.7 : 0));
  // The word right after a count says what it counts ("5 days", "3 rooms").
  if (kind === 'count' && noun && !nounMismatch(noun, entry) && /^[a-z]+$/.test(noun) && !NOT_NOUN.test(noun)) total += 3;
  if (kind === 'count' && noun && PEOPLE.test(noun) && [...entry.stems.keys()].some((s) => PEOPLE_SLOT.test(s))) total += 2;
  if (side && entry.side) total += entry.side === side ? 1.5 : -1.5;
  return total;
}

// Words that lead into a count ("for 3", "we are 4", "just 2"); any other word right before a number names it ("dialogue 7", "booking 12").
const COUNT_LEAD = /^(for|of|are|be|is|was|were|just|only|about|around|approximately|roughly|maybe|perhaps|total|all|us|me|make|it|it's|its|need|want|have|with|to|by|x|and|or|than|at|least|most|some|party|group)$/;

/** A number right after a word that names it ("dialogue 7", "room 12", "order 3") is a label, not a count by itself. */
function labelled(words: readonly Word[], text: string, mention: Mention): boolean {
  const before = words.filter((w) => w.index < mention.index).at(-1);
  if (!before || !/^[a-z]+$/i.test(before.text) || COUNT_LEAD.test(before.text.toLowerCase())) return false;
  return /^[\s#(:-]*$/.test(text.slice(before.index + before.text.length, mention.index));
}

// Words after a number that are not what it counts: "4 for dinner", "2 at 7 pm".
const NOT_NOUN = /^(and|or|at|on|in|for|to|of|from|with|by|please|pm|am|o'?clock|of us|more|less|is|are|was|will|would|i|we|you|it|this|that|then|so|but|if|as|the|a|an|only|total|altogether|each)$/;

/** A count followed by a noun the slot does not mention ("0 transfers" for a number of travellers). */
function nounMismatch(noun: string | undefined, entry: SlotEntry): boolean {
  if (!noun || !/^[a-z]+$/.test(noun) || NOT_NOUN.test(noun)) return false;
  if (PEOPLE.test(noun) && [...entry.stems.keys()].some((s) => PEOPLE_SLOT.test(s))) return false;
  const stem = stemOf(noun);
  return !entry.stems.has(stem) && !entry.prefixStems.some((s) => stem.startsWith(s) || s.startsWith(stem));
}

/**
 * What to assume without words for it: the starting end ("on December 5th"
 * with no "return" is the journey's date), and a slot a lookup needs.
 */
function prior(entry: SlotEntry, side: Side | undefined): number {
  const end = side ? (entry.side ? 0 : side === 'from' ? 0.75 : -0.5) : entry.side === 'to' ? -0.5 : 0.3;
  return end + 0.05 * entry.priority;
}

function numericValues(entry: SlotEntry): boolean {
  return entry.slot.values !== undefined && entry.slot.values.length > 0 && entry.slot.values.every((v) => /^\d+$/.test(v));
}

export function sideBefore(before: string): Side | undefined {
  if (FROM_BEFORE.test(before)) return 'from';
  if (TO_BEFORE.test(before)) return 'to';
  return undefined;
}
