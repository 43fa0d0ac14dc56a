import type { Act } from '../annotate/acts.js';
import { sameValue } from '../annotate/normalize.js';
import { findSlot, type SlotValue } from '../bot/task.js';
import type { DetectInput } from './detector.js';
import { referenceDate } from '../annotate/normalize.js';
import { fitsShape, slotShape } from '../annotate/slot-shapes.js';

/** A value the user gave, and where. */
export interface GivenValue {
  value: SlotValue;
  messageIndex: number;
}

/**
 * Tracks, message by message, what the user has given and still stands by:
 * an INFORM gives a value; a NEGATE naming slots withdraws them, a bare
 * NEGATE withdraws everything the bot just confirmed or offered (so asking
 * again is legitimate); a failed tool result withdraws the action's slots.
 */
export class SlotState {
  readonly given = new Map<string, GivenValue>();
  private readonly withdrawn = new Set<string>();
  private readonly reference: Date;

  constructor(private readonly input: DetectInput) {
    this.reference = referenceDate(input.today);
  }

  /** Applies a user message's acts; returns the slots whose value changed. */
  applyUser(acts: readonly Act[], messageIndex: number, previousBotActs: readonly Act[]): string[] {
    const changed: string[] = [];
    const negations = acts.filter((a) => a.act === 'NEGATE');
    const named = negations.flatMap((a) => (a.slot ? [a.slot] : []));
    if (named.length > 0) for (const slot of named) this.withdrawn.add(slot);
    else if (negations.length > 0) {
      for (const a of previousBotActs) if ((a.act === 'CONFIRM' || a.act === 'OFFER') && a.slot) this.withdrawn.add(a.slot);
    }
    for (const act of acts) {
      if (act.act !== 'INFORM' || !act.slot || act.value === undefined) continue;
      const before = this.given.get(act.slot);
      if (!before || !this.same(act.slot, before.value, act.value)) changed.push(act.slot);
      this.given.set(act.slot, { value: act.value, messageIndex });
      this.withdrawn.delete(act.slot);
    }
    return changed;
  }

  /** The action's slots become open questions again (its call failed, or it was done); returns them. */
  withdrawAction(action: string): string[] {
    const spec = this.input.task.actions.find((a) => a.name === action);
    const slots = [...(spec?.required ?? []), ...(spec?.optional ?? [])];
    for (const slot of slots) this.withdrawn.add(slot);
    return slots;
  }

  /** The value the user stands by for a slot, if any. */
  standing(slot: string): GivenValue | undefined {
    return this.withdrawn.has(slot) ? undefined : this.given.get(slot);
  }

  same(slot: string, a: SlotValue, b: SlotValue): boolean {
    return sameValue(a, b, findSlot(this.input.task, slot), this.reference);
  }

  /** Whether a value settles its slot: a slot whose examples are codes ("HLS") is not settled by a name ("Helsinki"). */
  determines(slot: string, value: SlotValue): boolean {
    const spec = findSlot(this.input.task, slot);
    // slotShape reads each description once.
    const shape = spec && slotShape(spec);
    return !shape || typeof value !== 'string' || fitsShape(shape, value);
  }
}

/** Whether a tool result reports that the action did not go through. */
export function isFailedToolResult(content: string): boolean {
  let failed = FAILED.get(content);
  if (failed === undefined) {
    if (FAILED.size >= 64) FAILED.delete(FAILED.keys().next().value!);
    FAILED.set(content, (failed = FAILURE.test(content)));
  }
  return failed;
}

const FAILURE = /"(error|status)"\s*:\s*"(error|failed|failure|unavailable)"|\b(error|failed|unavailable|not available|no availability)\b/i;
// Several detectors ask about the same few results of one conversation (a memo of a pure function).
const FAILED = new Map<string, boolean>();
