import type { Act } from '../annotate/acts.js';
import { humanize, type SlotValue } from '../bot/task.js';
import type { Detector, DetectInput } from './detector.js';
import type { Finding } from './failure.js';
import { evidenceAt } from './quote.js';
import { ValueHistory, callsOf, isSlotValue, type ReplacedValue } from './value-history.js';

/**
 * ignored-correction: the user replaced a value, and the bot later confirms
 * or acts with the value the user replaced. One finding per correction (slot
 * and the message that replaced the value), at the first bot message that
 * ignored it; the later ones are its evidence (`repeatedAt`), so a bot that
 * confirms the old value each time the user corrects it again is one
 * failure, not ten. A call with a replaced value is this class, not wrong-value.
 */
export const ignoredCorrectionDetector: Detector = {
  id: 'ignored-correction',
  title: 'The bot confirms or acts with a value the user has changed.',
  definition:
    'After the user replaced a value they gave ("actually, make it 8 pm"), a bot message confirms that slot with the old value, or a tool call passes the old value. ' +
    'Reported once per correction, at the first message that ignored it; later messages using the same old value are its evidence. ' +
    'Not this class: the bot using the new value (also when it names the old one beside it, "from 7 pm to 8 pm"), or the old one after the user went back to it.',
  detect(input: DetectInput): Finding[] {
    const values = new ValueHistory(input);
    const ignored = new Map<string, Ignored>();
    input.conversation.messages.forEach((message, i) => {
      const acts = input.acts[i] ?? [];
      if (message.role === 'user') values.applyUser(acts, i);
      if (message.role !== 'assistant') return;
      const used = usedValues(acts);
      const calls = callsOf(acts);
      for (const [slot, value] of used) {
        const old = values.replacedMatch(slot, value);
        if (!old || !isCorrection(input, slot, old) || mentionsNewValue(values, used, slot)) continue;
        const key = `${slot}@${old.replacedAt}`;
        const seen = ignored.get(key);
        if (!seen) ignored.set(key, { slot, old, now: values.standing(slot)?.value, first: i, later: [], calledAt: calls.some((c) => slot in c.args) ? i : undefined });
        else if (seen.first !== i && seen.later.at(-1) !== i) {
          seen.later.push(i);
          if (seen.calledAt === undefined && calls.some((c) => slot in c.args)) seen.calledAt = i;
        }
      }
      for (const call of calls) values.applyCall(call.args);
    });
    return [...ignored.values()].map((entry) => finding(input, entry)).sort((a, b) => a.messageIndex - b.messageIndex);
  },
};

/** One correction the bot ignored: where first, where again, and where it acted on the old value. */
interface Ignored {
  slot: string;
  old: ReplacedValue;
  now: SlotValue | undefined;
  first: number;
  later: number[];
  calledAt: number | undefined;
}

/**
 * In simulation every change the user makes is known. In recorded
 * conversations a tagged change may be a mis-read value or a new request for
 * another purpose ("and my savings account?"), so only a change the user
 * marks as one ("no, …", "actually, …": a NEGATE, bare or naming that slot)
 * counts.
 */
function isCorrection(input: DetectInput, slot: string, old: ReplacedValue): boolean {
  if (input.userActsAreGroundTruth) return true;
  return (input.acts[old.replacedAt] ?? []).some((a) => a.act === 'NEGATE' && (a.slot === undefined || a.slot === slot));
}

/** A message that also states the new value ("from 7 pm to 8 pm") is acknowledging the change, not ignoring it. */
function mentionsNewValue(values: ValueHistory, used: ReadonlyArray<[string, unknown]>, slot: string): boolean {
  const now = values.standing(slot)?.value;
  return now !== undefined && used.some(([s, v]) => s === slot && isSlotValue(v) && values.same(slot, now, v));
}

/** The (slot, value) pairs a bot message commits to: confirmations and call arguments. */
function usedValues(acts: readonly Act[]): Array<[string, unknown]> {
  const confirmed = acts.flatMap((a): Array<[string, unknown]> => (a.act === 'CONFIRM' && a.slot && a.value !== undefined ? [[a.slot, a.value]] : []));
  return [...confirmed, ...callsOf(acts).flatMap((c) => Object.entries(c.args))];
}

function finding(input: DetectInput, entry: Ignored): Finding {
  const { slot, old, now, first, later, calledAt } = entry;
  const again = later.length > 0 ? `; again at message${later.length > 1 ? 's' : ''} ${later.join(', ')}` : '';
  const acted = calledAt !== undefined && calledAt !== first ? `, and calls the action with it at message ${calledAt}` : '';
  const evidence = evidenceAt(input.conversation.messages, first, `uses the ${humanize(slot)} "${String(old.value)}", which the user changed to "${String(now)}" at message ${old.replacedAt}${again}${acted}`, old.replacedAt);
  return { class: 'ignored-correction', messageIndex: first, slot, evidence: later.length > 0 ? { ...evidence, repeatedAt: later } : evidence };
}
