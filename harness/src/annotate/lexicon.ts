import type { Slot, Task } from '../bot/task.js';
import { humanize } from '../bot/task.js';
import { kindOf, sideOf, type Side, type SlotKind } from './slot-kinds.js';
import { slotTypeOf, type SlotType } from './slot-types.js';
import { describeSlot } from './slot-description.js';
import { slotShape, type SlotShape } from './slot-shapes.js';
import { escapeRegExp, words } from './text.js';

// Below 1: a usage word alone never names a slot (a question names a slot with words of weight 1 or more).
const USAGE_WEIGHT = 0.3;

const STOPWORDS = new Set(
  'a an the of for to in on at by with and or is are be this that which who whom what when where how your you user users their its it from as into per name whether flag boolean indicating if not there here can will should would do does has have was were been'.split(' '),
);

// Words a slot's name may hold that say nothing: a name's other words ("user", "name", "type", "id") stay, however common.
const FUNCTION_WORDS = new Set('a an the of for to in on at by with and or is are per'.split(' '));

const PREPOSITIONS = new Set(['from', 'to', 'in', 'at', 'on', 'for', 'of', 'by', 'with', 'into']);

/** What the tagger knows about one slot, from the task description alone. */
export interface SlotEntry {
  slot: Slot;
  type: SlotType;
  kind: SlotKind;
  side?: Side;
  /** Stems that refer to the slot, weighted: name words count more, words many slots share count less. */
  stems: Map<string, number>;
  /** The stems of three letters or more, which a longer word may start with ("appoint" in "appointments"); scoring reads them for every word near every value. */
  prefixStems: string[];
  /** Stems of the slot's name words ("shared ride": share, ride). */
  nameStems: string[];
  /**
   * For a yes/no slot, the name stems that say what the feature is (not
   * "has", "good", "allowed"), and which of them no other slot uses: one of
   * those alone names the feature ("sharing" for a shared ride).
   */
  feature?: { cues: string[]; distinctive: string[]; mentioned: RegExp };
  /** Phrases, longest first, that name the slot ("party size", "people"). */
  phrases: string[];
  /** The slot's name of two words or more as written ("the pickup time"), to find it named outright in a question. */
  namePattern?: RegExp;
  /** Each allowed value as written, with spaces or hyphens for underscores ("sea view"). */
  valuePatterns: RegExp[];
  /** How the slot's values are written, when its description quotes code-like examples. */
  shape?: SlotShape;
  /** Whether an action takes the slot: only such slots are asked of the user. */
  requestable: boolean;
  /**
   * Which of two equally fitting slots is likelier asked first: one a lookup
   * needs (2) before one only a consequential action needs (1), before an
   * optional one (0.5). Lookups come before the bookings they lead to.
   */
  priority: number;
}

export type Lexicon = SlotEntry[] & {
  /** Every slot phrase in one pattern (longest first), and the slot each names. */
  phrases?: { pattern: RegExp; slotOf: Map<string, string> };
  /** Every allowed value in two patterns, and the slots that allow each (keyed in lower case, short values as written). */
  allowed?: { long: RegExp | undefined; short: RegExp | undefined; slotsOf: Map<string, Array<{ slot: string; value: string }>> };
  /** Tokens already matched against the slots' shapes, and the slots each is written like. */
  shapeMemo?: Map<string, SlotEntry[]>;
};

/**
 * Builds what the tagger knows of each slot from its name, description and
 * allowed values alone, so tagging generalises to tasks nobody tuned it for.
 * A description word counts only when it is distinctive: no other slot's
 * description uses it.
 */
export function buildLexicon(task: Task): Lexicon {
  const nameStems = task.slots.map((slot) => nameWords(humanize(slot.name)));
  const descriptions = task.slots.map((slot) => describeSlot(slot.description));
  const descriptionStems = descriptions.map((d) => contentStems(d.core));
  const usageStems = descriptions.map((d) => contentStems(d.usage));
  const frequency = new Map<string, number>();
  task.slots.forEach((_, i) => {
    for (const s of new Set([...nameStems[i]!, ...descriptionStems[i]!, ...usageStems[i]!])) frequency.set(s, (frequency.get(s) ?? 0) + 1);
  });
  const requestable = new Set(task.actions.flatMap((a) => [...a.required, ...a.optional]));
  const priority = (name: string) =>
    task.actions.some((a) => !a.consequential && a.required.includes(name)) ? 2 : task.actions.some((a) => a.required.includes(name)) ? 1 : requestable.has(name) ? 0.5 : 0;
  const lexicon: Lexicon = task.slots.map((slot, i) => {
    const stems = new Map<string, number>();
    const idf = (s: string) => Math.log(1 + task.slots.length / (frequency.get(s) ?? 1));
    // Words of what the slot is used for tip a tie at most: "to book the appointment" must not make "which appointment?" ask for a patient id.
    for (const s of usageStems[i]!) stems.set(s, USAGE_WEIGHT * idf(s));
    for (const s of descriptionStems[i]!) stems.set(s, idf(s));
    for (const s of nameStems[i]!) stems.set(s, 2 * idf(s));
    const phrases = slotPhrases(slot, descriptionStems[i]!, frequency);
    const side = sideOf(slot);
    const shape = slotShape(slot);
    const namePattern = nameStems[i]!.length >= 2 ? new RegExp(`\\b${escapeRegExp(humanize(slot.name))}`) : undefined;
    // Every entry has every field, in one order (undefined where a slot has none): entries of one shape keep the
    // tagger's many reads of them (e.kind, e.requestable, e.slot) monomorphic, where entries of up to 16 shapes made them megamorphic.
    return {
      slot,
      type: slotTypeOf(slot),
      kind: kindOf(slot),
      side,
      stems,
      prefixStems: [...stems.keys()].filter((s) => s.length >= 3),
      nameStems: nameStems[i]!,
      feature: kindOf(slot) === 'boolean' ? featureCues(nameStems[i]!, frequency) : undefined,
      phrases,
      namePattern,
      valuePatterns: (slot.values ?? []).filter((v) => v.length > 2).map((v) => new RegExp(`\\b${escapeRegExp(v.toLowerCase()).replace(/_/g, '[ _-]')}\\b`)),
      shape,
      requestable: requestable.has(slot.name),
      priority: priority(slot.name),
    };
  });
  lexicon.phrases = phraseIndex(lexicon);
  lexicon.allowed = valueIndex(lexicon);
  return lexicon;
}

/** One pattern for all slots' phrases: a text is scanned once, not once per slot. */
function phraseIndex(lexicon: SlotEntry[]): Lexicon['phrases'] {
  const slotOf = new Map<string, string>();
  for (const entry of lexicon) for (const phrase of entry.phrases) if (!slotOf.has(phrase)) slotOf.set(phrase, entry.slot.name);
  const all = [...slotOf.keys()].sort((a, b) => b.length - a.length);
  return all.length > 0 ? { pattern: new RegExp(`\\b(?:${all.map(escapeRegExp).join('|')})s?\\b`, 'gi'), slotOf } : undefined;
}

/**
 * Every slot's allowed values in two patterns (a text is scanned once):
 * short values ("TV") must match as written, since "tv" inside ordinary text
 * is rarer than "TV" the device; longer ones match in any case.
 */
function valueIndex(lexicon: SlotEntry[]): Lexicon["allowed"] {
  const slotsOf = new Map<string, Array<{ slot: string; value: string }>>();
  for (const entry of lexicon) {
    if (entry.kind === 'boolean' || entry.kind === 'count') continue;
    for (const value of entry.slot.values ?? []) {
      if (value.length < 2 || /^\d+$/.test(value)) continue;
      // "sea_view" is written "sea view" or "sea-view" (rule 13).
      for (const written of new Set([value, value.replace(/_/g, ' '), value.replace(/_/g, '-')])) {
        const key = written.length <= 3 ? written : written.toLowerCase();
        slotsOf.set(key, [...(slotsOf.get(key) ?? []), { slot: entry.slot.name, value }]);
      }
    }
  }
  const pattern = (keys: string[], flags: string) => (keys.length > 0 ? new RegExp(`\\b(?:${keys.sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')})\\b`, flags) : undefined);
  const keys = [...slotsOf.keys()];
  return { long: pattern(keys.filter((k) => k.length > 3), 'gi'), short: pattern(keys.filter((k) => k.length <= 3), 'g'), slotsOf };
}

// Words of yes/no slot names that say nothing by themselves ("good for kids": "good").
const GENERIC_FEATURE_WORDS = new Set(['good', 'allow', 'has', 'have', 'free', 'option', 'avail', 'is', 'flag', 'whether']);

function featureCues(stems: string[], frequency: Map<string, number>): SlotEntry['feature'] {
  const cues = stems.filter((s) => !GENERIC_FEATURE_WORDS.has(s));
  // A text with no word that starts like a cue cannot name the feature, so most texts are rejected without splitting them into words.
  // A stem's last letter may differ from the word's ("citi": city, "ride": riding): the prefix leaves it out.
  const prefixes = cues.map((c) => escapeRegExp(c.length > 3 ? c.slice(0, -1) : c));
  const mentioned = cues.length > 0 ? new RegExp(`\\b(?:${prefixes.join('|')})`, 'i') : /$^/;
  return { cues, distinctive: cues.filter((s) => frequency.get(s) === 1), mentioned };
}

/** Whether a text's stems name a yes/no feature: all its cues, or one no other slot uses. */
export function namesFeature(entry: SlotEntry, stems: ReadonlySet<string>): boolean {
  const feature = entry.feature;
  if (!feature || feature.cues.length === 0) return false;
  return feature.cues.every((s) => stems.has(s)) || feature.distinctive.some((s) => stems.has(s));
}

function slotPhrases(slot: Slot, descriptionStems: string[], frequency: Map<string, number>): string[] {
  const name = humanize(slot.name);
  const distinctive = words(slot.description).filter((w) => !STOPWORDS.has(w.text) && w.text.length > 2 && frequency.get(w.stem) === 1 && descriptionStems.includes(w.stem));
  const phrases = [name, ...nameTail(name), ...distinctive.map((w) => w.text)];
  // A slot named by a bare preposition ("from", "to") is found by the question words and values around it, not by its name.
  return [...new Set(phrases)].filter((p) => (p === name && !PREPOSITIONS.has(p)) || !STOPWORDS.has(p)).sort((a, b) => b.length - a.length);
}

/** Stems of the words that carry meaning. */
function contentStems(text: string): string[] {
  return [...new Set(words(text).filter((w) => !STOPWORDS.has(w.text)).map((w) => w.stem))];
}

/** Stems of a slot name's words: all but function words, so "user id" keeps "user" and "first name" keeps "name". */
function nameWords(name: string): string[] {
  const all = words(name);
  const content = all.filter((w) => !FUNCTION_WORDS.has(w.text));
  return [...new Set((content.length > 0 ? content : all).map((w) => w.stem))];
}

/** "new alarm time" is also referred to as "alarm time". */
function nameTail(name: string): string[] {
  const parts = name.split(' ');
  return parts.length > 2 && !PREPOSITIONS.has(parts[parts.length - 2]!) ? [parts.slice(-2).join(' ')] : [];
}

export { escapeRegExp };
