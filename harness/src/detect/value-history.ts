import type { Act } from '../annotate/acts.js';
import { normalizeForSlot, referenceDate } from '../annotate/normalize.js';
import { findSlot, type SlotValue } from '../bot/task.js';
import type { DetectInput } from './detector.js';

/** A value the user gave for a slot, and where. */
export interface UserValue {
  value: SlotValue;
  messageIndex: number;
}

/** A value the user replaced, and the message that replaced it. */
export interface ReplacedValue extends UserValue {
  replacedAt: number;
}

/**
 * Every value the user gave, slot by slot, in order: the one that stands and
 * the ones the user replaced since (corrections). Going back to an earlier
 * value un-replaces it. Unlike `SlotState` it never withdraws a value on a
 * NEGATE: what matters here is what the user said last, not whether asking
 * again is fair.
 */
export class ValueHistory {
  private readonly current = new Map<string, UserValue>();
  private readonly replaced = new Map<string, ReplacedValue[]>();
  private readonly reference: Date;
  private readonly normalised = new Map<string, string>();
  private readonly served = new Set<string>();

  constructor(private readonly input: Pick<DetectInput, 'task' | 'today'>) {
    this.reference = referenceDate(input.today);
  }

  /** Applies a user message's INFORMs; returns the slots whose value changed (first values included). */
  applyUser(acts: readonly Act[], messageIndex: number): string[] {
    const changed: string[] = [];
    for (const act of acts) {
      if (act.act !== 'INFORM' || !act.slot || act.value === undefined) continue;
      const slot = act.slot;
      const before = this.current.get(slot);
      if (before && this.same(slot, before.value, act.value)) continue;
      const value = act.value;
      const kept = (this.replaced.get(slot) ?? []).filter((r) => !this.same(slot, r.value, value));
      this.replaced.set(slot, before && !this.served.delete(slot) ? [...kept, { ...before, replacedAt: messageIndex }] : kept);
      this.current.set(slot, { value, messageIndex });
      changed.push(slot);
    }
    return changed;
  }

  /**
   * Notes a call's arguments: a standing value the bot has acted on is served,
   * and a later change to it is a new request ("and my savings account?"),
   * not a correction of something the bot still had to do.
   */
  applyCall(args: Record<string, unknown>): void {
    for (const [slot, arg] of Object.entries(args)) {
      const standing = this.current.get(slot);
      if (standing && isSlotValue(arg) && this.same(slot, standing.value, arg)) this.served.add(slot);
    }
  }

  /** The value the user stands by for a slot. */
  standing(slot: string): UserValue | undefined {
    return this.current.get(slot);
  }

  /** The replaced value a bot's value matches, when it is not also the standing one. */
  replacedMatch(slot: string, value: unknown): ReplacedValue | undefined {
    const replaced = this.replaced.get(slot);
    if (!replaced?.length || !isSlotValue(value)) return undefined;
    const standing = this.current.get(slot);
    if (standing && this.same(slot, standing.value, value)) return undefined;
    return replaced.find((r) => this.same(slot, r.value, value));
  }

  /** The comparison `sameValue` makes (equal normal forms), memoised: detectors compare many values against few slots. */
  same(slot: string, a: SlotValue, b: SlotValue): boolean {
    return this.normal(slot, a) === this.normal(slot, b);
  }

  private normal(slot: string, value: SlotValue): string {
    const key = `${slot}\u0000${typeof value}\u0000${String(value)}`;
    let normal = this.normalised.get(key);
    if (normal === undefined) this.normalised.set(key, (normal = normalizeForSlot(value, findSlot(this.input.task, slot), this.reference)));
    return normal;
  }
}

export function isSlotValue(value: unknown): value is SlotValue {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** A consequential or other tool call, with its parsed arguments. */
export interface CallAct {
  action: string;
  args: Record<string, unknown>;
  consequential: boolean;
}

/** The calls a bot message makes (only those whose arguments parsed). */
export function callsOf(acts: readonly Act[]): CallAct[] {
  return acts.flatMap((a) => (a.act === 'CALL' && a.action && a.args ? [{ action: a.action, args: a.args, consequential: a.consequential ?? false }] : []));
}

/** The slots an action takes, as the task declares them. */
export function actionSlots(input: Pick<DetectInput, 'task'>, action: string): string[] {
  const spec = input.task.actions.find((a) => a.name === action);
  return spec ? [...spec.required, ...spec.optional] : [];
}
