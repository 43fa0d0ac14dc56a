import type { Slot } from '../bot/task.js';
import { recall } from './memo.js';
import { describeSlot } from './slot-description.js';
import { escapeRegExp, matchesOf } from './text.js';

/**
 * The written shape of a slot's values, learnt from the examples its
 * description quotes ("such as 'K7QX2P'", "such as 'lin_ma_204'"): a
 * token of that shape in a user's message is a value of the slot (rule 13),
 * and a value of another shape ("New York" for a slot of three-letter
 * codes) does not yet determine it (rule 10).
 */
export interface SlotShape {
  /** One pattern per example shape. */
  patterns: RegExp[];
  /** Shapes no ordinary word has (a digit, "_", "@" or "#" in every example): safe to look for in free text. */
  distinctive: boolean;
}

// One part of a value between separators: its letters and digits as a pattern.
function segmentPattern(segment: string, alone: boolean): string {
  const upper = /[A-Z]/.test(segment);
  const lower = /[a-z]/.test(segment);
  const digit = /\d/.test(segment);
  const n = segment.length;
  if (digit && !upper && !lower) return alone ? `\\d{${n}}` : '\\d+';
  if (lower && !upper && !digit) return '[a-z]+';
  if (upper && !lower && !digit) return n <= 4 ? `[A-Z]{${n}}` : '[A-Z]+';
  if (upper && lower && !digit && /^[A-Z][a-z]+$/.test(segment)) return '[A-Z][a-z]+';
  // A mix of classes is a code of fixed length; a random one may happen to lack one class.
  const classes = `${upper ? 'A-Z' : ''}${lower ? 'a-z' : ''}${digit ? '\\d' : ''}`;
  return `[${classes}]{${n}}`;
}

/** A pattern that matches values written like `example`. */
function shapeOf(example: string): string {
  const parts = example.split(/([^A-Za-z0-9]+)/).filter((p) => p !== '');
  const alone = parts.length === 1;
  return parts.map((p) => (/^[A-Za-z0-9]+$/.test(p) ? segmentPattern(p, alone) : escapeRegExp(p))).join('');
}

/** A code-like example: no ordinary phrase is written so ("K7QX2P", "lin_ma_204", "HLS"; not "John" or "123 Main St"). */
function codeLike(example: string): boolean {
  return /[_@#]/.test(example) || (/\d/.test(example) && !/\s/.test(example) && example.length >= 4) || /^[A-Z]{2,4}$/.test(example);
}

// Shapes by description (every conversation carries its own copy of its task): a memo of a pure function.
const SHAPES = new Map<string, SlotShape | null>();

/** The shape of a slot's values, when its description quotes code-like examples (all of them). */
export function slotShape(slot: Slot): SlotShape | undefined {
  return recall(SHAPES, 256, slot.description, readShape) ?? undefined;
}

function readShape(description: string): SlotShape | null {
  const examples = describeSlot(description).examples.filter((e) => e.trim() !== '');
  if (examples.length === 0 || !examples.every(codeLike)) return null;
  const patterns = [...new Set(examples.map(shapeOf))].map((p) => new RegExp(`^${p}$`));
  const distinctive = examples.every((e) => /[_@#]/.test(e) || /\d/.test(e));
  return { patterns, distinctive };
}

/** Whether a value is written as the slot's examples are. */
export function fitsShape(shape: SlotShape, value: string): boolean {
  return shape.patterns.some((p) => p.test(value.trim()));
}

// Tokens that may be identifiers: letters, digits and the joiners identifiers use, with a digit or a joiner
// (looked for ahead, so the words of plain prose are passed over inside the pattern).
const TOKEN = /(?<![\w@#.-])(?=[\w@.#-]*[\d_@#])[#\w][\w@.#-]*\w/g;
const MARKED = /[\d_@#]/;

/** The tokens of a text that could be identifiers (a digit or "_", "@", "#" in them), with their position. */
export function candidateTokens(text: string): Array<{ value: string; index: number }> {
  if (!MARKED.test(text)) return [];
  const found: Array<{ value: string; index: number }> = [];
  for (const match of matchesOf(TOKEN, text)) if (MARKED.test(match[0])) found.push({ value: match[0], index: match.index ?? 0 });
  return found;
}
