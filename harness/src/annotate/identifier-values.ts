import type { ValueMention } from './assign-values.js';
import type { Lexicon, SlotEntry } from './lexicon.js';
import { candidateTokens, fitsShape } from './slot-shapes.js';
import { words } from './text.js';

/**
 * Identifiers recognised by their shape ("cancel K7QX2P and 5R2DWM"): a
 * token written as the examples of exactly one slot are, or of several of
 * which the bot asked for one or the words just before it name one. The
 * first such token of each slot is its value.
 */
export function identifierValues(text: string, lexicon: Lexicon, requested: readonly string[], found: readonly ValueMention[]): ValueMention[] {
  const shaped = lexicon.filter((e) => e.shape?.distinctive && e.requestable && !found.some((m) => m.slot === e.slot.name));
  if (shaped.length === 0) return [];
  const bySlot = new Map<string, ValueMention>();
  for (const { value, index } of candidateTokens(text)) {
    if (found.some((m) => m.value === value)) continue;
    const slots = fitting(lexicon, shaped, value).filter((e) => !namesAnother(text, index, e, lexicon));
    if (slots.length === 0) continue;
    const slot = slots.length === 1 ? slots[0] : disambiguate(text, index, slots, requested);
    if (slot && !bySlot.has(slot.slot.name)) bySlot.set(slot.slot.name, { slot: slot.slot.name, value, index, anchored: false });
  }
  return [...bySlot.values()];
}

/** The shaped slots a token is written like, remembered per lexicon: identifiers recur through a conversation. */
function fitting(lexicon: Lexicon, shaped: SlotEntry[], value: string): SlotEntry[] {
  const memo = (lexicon.shapeMemo ??= new Map<string, SlotEntry[]>());
  let slots = memo.get(value);
  if (!slots) {
    if (memo.size > 5000) memo.clear();
    memo.set(value, (slots = lexicon.filter((e) => e.shape?.distinctive && e.requestable && fitsShape(e.shape, value))));
  }
  return slots.filter((e) => shaped.includes(e));
}

/** "my crossing SL204": the word just before the token names another slot, so the token is not this slot's. */
function namesAnother(text: string, index: number, entry: SlotEntry, lexicon: Lexicon): boolean {
  const before = words(text.slice(Math.max(0, index - 20), index)).slice(-2);
  return before.some((w) => !entry.nameStems.includes(w.stem) && lexicon.some((o) => o !== entry && o.nameStems.includes(w.stem)));
}

/** Among slots whose values look alike (a user id and a card id), the one asked for, or the one named just before the token. */
function disambiguate(text: string, index: number, slots: SlotEntry[], requested: readonly string[]): SlotEntry | undefined {
  const asked = slots.filter((e) => requested.includes(e.slot.name));
  if (asked.length === 1) return asked[0];
  const before = new Set(words(text.slice(Math.max(0, index - 30), index)).map((w) => w.stem));
  const named = slots.filter((e) => e.nameStems.some((s) => before.has(s) && !slots.every((o) => o.nameStems.includes(s))));
  return named.length === 1 ? named[0] : undefined;
}
