import type { Slot, Task } from '../bot/task.js';
import { humanize } from '../bot/task.js';
import { slotTypeOf, type SlotType } from './slot-types.js';

const STOPWORDS = new Set(
  'a an the of for to in on at by with and or is are be this that which who whom what when where how your you user users their its it from as into per name of'.split(' '),
);

/** The words by which a text refers to a slot. */
export interface SlotEntry {
  slot: Slot;
  type: SlotType;
  /** Phrases, longest first, that name the slot ("party size", "people"). */
  phrases: string[];
}

export type Lexicon = SlotEntry[];

/**
 * Builds the phrases for each slot from its name and description alone, so
 * tagging generalises to tasks nobody tuned it for. A description word counts
 * only when it is distinctive: no other slot's description uses it.
 */
export function buildLexicon(task: Task): Lexicon {
  const wordsBySlot = task.slots.map((slot) => contentWords(slot.description));
  const frequency = new Map<string, number>();
  for (const words of wordsBySlot) for (const w of new Set(words)) frequency.set(w, (frequency.get(w) ?? 0) + 1);
  return task.slots.map((slot, i) => {
    const name = humanize(slot.name);
    const distinctive = (wordsBySlot[i] ?? []).filter((w) => frequency.get(w) === 1 && w.length > 2);
    const phrases = unique([name, ...nameTail(name), ...distinctive]).sort((a, b) => b.length - a.length);
    return { slot, type: slotTypeOf(slot), phrases };
  });
}

function contentWords(text: string): string[] {
  return text.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w && !STOPWORDS.has(w));
}

/** "new alarm time" is also referred to as "alarm time". */
function nameTail(name: string): string[] {
  const words = name.split(' ');
  return words.length > 2 ? [words.slice(-2).join(' ')] : [];
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
