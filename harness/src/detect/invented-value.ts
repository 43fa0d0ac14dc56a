import type { Act } from '../annotate/acts.js';
import { findSlot, humanize, type SlotValue } from '../bot/task.js';
import type { Detector, DetectInput } from './detector.js';
import type { Finding } from './failure.js';
import { quoteMessage } from './quote.js';
import { ValueHistory, callsOf, isSlotValue } from './value-history.js';
import { toolResultValues } from './tool-results.js';
import { anyWordWrittenBefore } from './mentions.js';
import { slotTypeOf } from '../annotate/slot-types.js';

/**
 * invented-value: a call passes a value for a slot the user never gave, that
 * has no default and that the scenario does not expect. A value is accounted
 * for when the user gave it (for any slot: taggers mix up similar slots), the
 * bot put it to the user (confirmation or offer) without a no, a tool returned
 * it, or an earlier call already passed it (flagged there if invented).
 */
export const inventedValueDetector: Detector = {
  id: 'invented-value',
  title: 'The bot passes a value nobody gave.',
  definition:
    'A tool call passes a value for a slot the user never gave, that has no default in the task and that the scenario does not expect, and that the conversation does not account for (not offered to or confirmed with the user, not returned by an earlier tool call). ' +
    'Not this class: a slot the user gave with a different value (wrong-value), a value equal to the slot\'s default, or an option the user accepted from search results.',
  detect(input: DetectInput): Finding[] {
    const values = new ValueHistory(input);
    const seen: SlotValue[] = [];
    const findings: Finding[] = [];
    const given = new Set<string>();
    input.conversation.messages.forEach((message, i) => {
      const acts = input.acts[i] ?? [];
      if (message.role === 'user') for (const slot of values.applyUser(acts, i)) given.add(slot);
      if (message.role === 'user') seen.push(...userValues(acts));
      if (message.role === 'tool') seen.push(...toolResultValues(message.content));
      if (message.role !== 'assistant') return;
      seen.push(...presentedValues(input, i));
      for (const call of callsOf(acts)) {
        for (const [slot, arg] of Object.entries(call.args)) {
          if (!isSlotValue(arg) || given.has(slot) || !findSlot(input.task, slot) || accounted(input, values, seen, slot, arg)) continue;
          if (!input.userActsAreGroundTruth && !(call.consequential && unexplainedText(input, i, slot, arg))) continue;
          findings.push(finding(input, i, slot, arg));
        }
        seen.push(...Object.values(call.args).filter(isSlotValue));
      }
    });
    return findings;
  },
};

function accounted(input: DetectInput, values: ValueHistory, seen: readonly SlotValue[], slot: string, arg: SlotValue): boolean {
  const fallback = findSlot(input.task, slot)?.default;
  const expected = input.expectedArgs?.[slot];
  if (expected !== undefined || (fallback !== undefined && values.same(slot, fallback, arg))) return true;
  return seen.some((value) => values.same(slot, value, arg));
}

/**
 * Recorded conversations: the tagger misses most values users write, so only
 * a free-text value written nowhere before the call counts. Dates, times,
 * numbers and yes/no values are written in too many forms (and relative dates
 * have no anchor in a log) to tell from the text that nobody gave them.
 */
function unexplainedText(input: DetectInput, index: number, slot: string, arg: SlotValue): boolean {
  const spec = findSlot(input.task, slot)!;
  const free = slotTypeOf(spec) === 'string' && !spec.values && typeof arg === 'string' && /\p{L}/u.test(arg);
  return free && !discussedBefore(input, index, slot) && !anyWordWrittenBefore(input, index, arg);
}

/** Whether any act before a message is about the slot: asked, confirmed, offered or given. */
function discussedBefore(input: DetectInput, index: number, slot: string): boolean {
  return input.acts.slice(0, index).some((acts) => acts.some((a) => a.slot === slot));
}

function userValues(acts: readonly Act[]): SlotValue[] {
  return acts.flatMap((a) => (a.act === 'INFORM' && a.value !== undefined ? [a.value] : []));
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
    evidence: {
      quote: quoteMessage(input.conversation.messages[index]),
      reason: `passes ${humanize(slot)} "${String(arg)}", which the user never gave, the conversation never mentioned and the task gives no default for`,
    },
  };
}
