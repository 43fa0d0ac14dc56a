import type { Act } from '../annotate/acts.js';
import { normalizeText } from '../annotate/normalize.js';
import { slotTypeOf } from '../annotate/slot-types.js';
import { findSlot, humanize, type SlotValue } from '../bot/task.js';
import type { Detector, DetectInput } from './detector.js';
import type { Finding } from './failure.js';
import { evidenceAt } from './quote.js';
import { toolResultValues } from './tool-results.js';
import { ValueHistory, callsOf, isSlotValue } from './value-history.js';

/**
 * invented-value: a call passes a value for a slot the user never gave, that
 * is not its default nor the value the scenario expects (a different expected
 * value does not make it wrong-value: the user never gave one). A value is accounted
 * for when the user gave it (for any slot: taggers mix up similar slots), the
 * bot put it to the user (confirmation or offer) without a no, a tool returned
 * it, or an earlier call already passed it (flagged there if invented).
 */
export const inventedValueDetector: Detector = {
  id: 'invented-value',
  title: 'The bot passes a value nobody gave.',
  definition:
    'A tool call passes a value for a slot the user never gave, other than the slot\'s default in the task and the scenario\'s expected value, and that the conversation does not account for (not offered to or confirmed with the user, not returned by an earlier tool call). ' +
    'In recorded conversations, only a free-text value (a name, a place) passed to a consequential action and sharing no word with anything said before counts. ' +
    'Not this class: a slot the user gave with a different value (wrong-value), a value equal to the slot\'s default, or an option the user accepted from search results.',
  detect(input: DetectInput): Finding[] {
    const context = new Context(input);
    const findings: Finding[] = [];
    input.conversation.messages.forEach((message, i) => {
      const acts = input.acts[i] ?? [];
      for (const call of callsOf(acts)) {
        for (const [slot, arg] of Object.entries(call.args)) {
          if (isSlotValue(arg) && context.invented(i, slot, arg, call.consequential)) findings.push(finding(input, i, slot, arg));
        }
      }
      context.remember(i, acts);
    });
    return findings;
  },
};

/** What the conversation has said so far, gathered message by message. */
class Context {
  private readonly values: ValueHistory;
  private readonly givenSlots = new Set<string>();
  private readonly discussedSlots = new Set<string>();
  private readonly seen: SlotValue[] = [];
  private readonly pendingToolResults: string[] = [];
  /** The words of each message read so far, by index. */
  private readonly writtenWords = new Map<number, Set<string>>();
  /** Each message's text in lower case, by index, once asked for. */
  private readonly lowered = new Map<number, string>();

  constructor(private readonly input: DetectInput) {
    this.values = new ValueHistory(input);
  }

  invented(index: number, slot: string, arg: SlotValue, consequential: boolean): boolean {
    const spec = findSlot(this.input.task, slot);
    if (!spec || this.givenSlots.has(slot)) return false;
    // The scenario's expected value is right by definition; another one for a slot nobody gave is invented (not wrong-value).
    const expected = this.input.expectedArgs?.[slot];
    if (expected !== undefined && this.values.same(slot, expected, arg)) return false;
    if (!this.input.userActsAreGroundTruth && !(consequential && this.unexplainedText(index, slot, arg))) return false;
    if (spec.default !== undefined && this.values.same(slot, spec.default, arg)) return false;
    this.seen.push(...this.pendingToolResults.splice(0).flatMap(toolResultValues));
    return !this.seen.some((value) => this.values.same(slot, value, arg));
  }

  /**
   * Recorded conversations: the tagger misses most values users write, and
   * bots complete them ("The Cooperage" → "The Cooperage American Grille"),
   * so only a free-text value for a slot nobody discussed, sharing no word
   * with anything written before, counts. Dates, times, numbers and choices
   * from a list are written in too many forms to tell that nobody gave them.
   */
  private unexplainedText(index: number, slot: string, arg: SlotValue): boolean {
    const spec = findSlot(this.input.task, slot)!;
    if (slotTypeOf(spec) !== 'string' || spec.values || typeof arg !== 'string' || !/\p{L}/u.test(arg)) return false;
    if (this.discussedSlots.has(slot)) return false;
    const wanted = contentWords(arg);
    return !this.input.conversation.messages.slice(0, index).some((m, j) => this.writes(j, m.content ?? '', wanted));
  }

  /**
   * Whether a message writes one of `wanted` as a word. Its words are read
   * only when its raw text contains one of them (tool results are long, and
   * few calls get this far).
   */
  private writes(index: number, text: string, wanted: readonly string[]): boolean {
    let lower = this.lowered.get(index);
    if (lower === undefined) this.lowered.set(index, (lower = text.toLowerCase()));
    if (!wanted.some((w) => lower.includes(w))) return false;
    let written = this.writtenWords.get(index);
    if (!written) this.writtenWords.set(index, (written = new Set(normalizeText(text).split(' '))));
    return wanted.some((w) => written.has(w));
  }

  /** Adds a message (after its own calls were judged). */
  remember(index: number, acts: readonly Act[]): void {
    const message = this.input.conversation.messages[index]!;
    for (const a of acts) if (a.slot) this.discussedSlots.add(a.slot);
    if (message.role === 'user') for (const a of acts) if (a.act === 'INFORM' && a.slot) this.givenSlots.add(a.slot);
    if (message.role === 'user') this.seen.push(...acts.flatMap((a) => (a.act === 'INFORM' && a.value !== undefined ? [a.value] : [])));
    if (message.role === 'assistant') this.seen.push(...presentedValues(this.input, index), ...callsOf(acts).flatMap((c) => Object.values(c.args).filter(isSlotValue)));
    if (message.role === 'tool') this.pendingToolResults.push(message.content);
  }
}

const FILLER = new Set(['the', 'a', 'an', 'of', 'and', 'in', 'at', 'on', 'for', 'to']);

function contentWords(value: string): string[] {
  return normalizeText(value).split(' ').filter((w) => w && !FILLER.has(w));
}

/** Values a bot message put to the user (confirmed or offered) that the user's next message did not reject. */
function presentedValues(input: DetectInput, index: number): SlotValue[] {
  const reply = input.conversation.messages.findIndex((m, j) => j > index && m.role === 'user');
  if (reply >= 0 && input.acts[reply]?.some((a) => a.act === 'NEGATE')) return [];
  return (input.acts[index] ?? []).flatMap((a) => ((a.act === 'CONFIRM' || a.act === 'OFFER') && a.value !== undefined ? [a.value] : []));
}

function finding(input: DetectInput, index: number, slot: string, arg: SlotValue): Finding {
  return {
    class: 'invented-value',
    messageIndex: index,
    slot,
    evidence: evidenceAt(input.conversation.messages, index, `passes ${humanize(slot)} "${String(arg)}", which the user never gave, nothing in the conversation accounts for, and the task gives no default for`),
  };
}
