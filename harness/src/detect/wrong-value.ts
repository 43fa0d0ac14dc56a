import type { Act } from '../annotate/acts.js';
import type { SlotValue } from '../bot/task.js';
import { humanize } from '../bot/task.js';
import type { Detector, DetectInput } from './detector.js';
import type { Finding } from './failure.js';
import { evidenceAt } from './quote.js';
import { ValueHistory, actionSlots, callsOf, isSlotValue, type CallAct } from './value-history.js';

/**
 * wrong-value: a call passes a value other than the one the user gave and
 * the scenario expects, after normalising dates, times and numbers. It needs a
 * reference it can trust: the scenario's expected arguments, or user acts
 * that are ground truth (simulation). Tagged user values in recorded
 * conversations are too noisy to accuse a bot on, so it stays silent there.
 * A replaced value of the user's is ignored-correction, and a slot the user
 * never gave is invented-value, not this class.
 */
export const wrongValueDetector: Detector = {
  id: 'wrong-value',
  title: 'The bot passes a value other than the one the user gave.',
  definition:
    'A tool call passes, for a slot the user gave, a value that differs from the value the user gave, from a value the user agreed to when the bot confirmed it, and from the scenario\'s expected argument (whichever are known), after normalising dates, times and numbers. ' +
    'Judged only in simulation or with known expected arguments. Not this class: a value the user gave earlier and then changed (ignored-correction), or a slot the user never gave (invented-value).',
  detect(input: DetectInput): Finding[] {
    if (!input.expectedArgs && !input.userActsAreGroundTruth) return [];
    const values = new ValueHistory(input);
    const agreed = new Map<string, Reference>();
    const findings: Finding[] = [];
    let lastBotActs: readonly Act[] = [];
    input.conversation.messages.forEach((message, i) => {
      const acts = input.acts[i] ?? [];
      if (message.role === 'user') noteAgreement(agreed, acts, i, lastBotActs, values.applyUser(acts, i));
      if (message.role !== 'assistant') return;
      if (message.content) lastBotActs = acts;
      for (const call of callsOf(acts)) {
        for (const [slot, arg] of Object.entries(call.args)) {
          if (!isSlotValue(arg) || values.replacedMatch(slot, arg)) continue;
          // A slot the user never gave is invented-value's, whatever the scenario expects: a run and an analysis
          // of its transcript (which has no expectations) must name the same class.
          if (input.userActsAreGroundTruth && !values.standing(slot)) continue;
          const references = referencesFor(input, values, call, slot);
          const excused = [...references, ...(agreed.has(slot) ? [agreed.get(slot)!] : [])].some((r) => values.same(slot, r.value, arg));
          if (references.length > 0 && !excused) findings.push(finding(input, i, slot, arg, references[0]!));
        }
        values.applyCall(call.args);
      }
    });
    return findings;
  },
};

/**
 * Values the bot confirmed and the user affirmed, by slot: the user agreed to
 * them, whatever words they first used ("Philly" → "Philadelphia"). They can
 * excuse an argument, never accuse one (the bot's confirmation is tagged, not
 * known). A later change of the slot voids the agreement.
 */
function noteAgreement(agreed: Map<string, Reference>, acts: readonly Act[], index: number, lastBotActs: readonly Act[], changed: readonly string[]): void {
  if (acts.some((a) => a.act === 'AFFIRM') && !acts.some((a) => a.act === 'NEGATE')) {
    for (const a of lastBotActs) if (a.act === 'CONFIRM' && a.slot && a.value !== undefined) agreed.set(a.slot, { value: a.value, messageIndex: index });
  }
  for (const slot of changed) agreed.delete(slot);
}

interface Reference {
  value: SlotValue;
  /** Where the user gave it; absent when it comes from the scenario alone. */
  messageIndex?: number;
}

/**
 * What a slot's argument may be: the value the user gave (ground truth) and
 * the scenario's expected one. An argument matching either is not wrong: the
 * expectation assumes corrections the user may not have had the chance to make.
 */
function referencesFor(input: DetectInput, values: ValueHistory, call: CallAct, slot: string): Reference[] {
  const expectedAction = input.expect?.action?.name;
  if (input.expectedArgs && expectedAction !== undefined && call.action !== expectedAction) return [];
  const references: Reference[] = [];
  const given = input.userActsAreGroundTruth && actionSlots(input, call.action).includes(slot) ? values.standing(slot) : undefined;
  if (given) references.push(given);
  const expected = input.expectedArgs?.[slot];
  if (expected !== undefined) references.push({ value: expected });
  return references;
}

function finding(input: DetectInput, index: number, slot: string, arg: SlotValue, reference: Reference): Finding {
  const source = reference.messageIndex !== undefined ? `the user gave "${String(reference.value)}" at message ${reference.messageIndex}` : `the scenario expects "${String(reference.value)}"`;
  return {
    class: 'wrong-value',
    messageIndex: index,
    slot,
    evidence: evidenceAt(input.conversation.messages, index, `passes ${humanize(slot)} "${String(arg)}", but ${source}`, reference.messageIndex),
  };
}
