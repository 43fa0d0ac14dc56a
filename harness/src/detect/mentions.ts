import { normalizeText } from '../annotate/normalize.js';
import type { DetectInput } from './detector.js';

const FILLER = new Set(['the', 'a', 'an', 'of', 'and', 'in', 'at', 'on', 'for', 'to', 'de', 'la', 'le']);

/**
 * Whether any word of a text value was written anywhere in the conversation
 * before a message (by user, bot or tool), ignoring case and punctuation.
 * Used only to withhold an accusation of invention in recorded conversations,
 * where the tagger's INFORMs miss most free-text values and bots legitimately
 * complete them ("The Cooperage" → "The Cooperage American Grille"): a value
 * that shares no word with anything said before was made up.
 */
export function anyWordWrittenBefore(input: DetectInput, index: number, value: string): boolean {
  const words = normalizeText(value).split(' ').filter((w) => w && !FILLER.has(w));
  if (words.length === 0) return true;
  const written = new Set(input.conversation.messages.slice(0, index).flatMap((m) => normalizeText(m.content ?? '').split(' ')));
  return words.some((w) => written.has(w));
}
