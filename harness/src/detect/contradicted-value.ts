import type { Act } from '../annotate/acts.js';
import { referenceDate, sameValue } from '../annotate/normalize.js';
import { kindOf } from '../annotate/slot-kinds.js';
import { findSlot } from '../bot/task.js';
import type { Approval } from './approvals.js';
import type { DetectInput } from './detector.js';
import { normalise, type Shown } from './shown.js';

/**
 * Rule 1, other values: a top-level argument for a place or a choice among
 * kinds (a port, a table area) whose value the proposal contradicts: its
 * recaps state another value for that slot and never this one, and the user
 * did not name it. The call does something else than what was approved
 * ("from Oslo" presented, `depart_port="Kiel"` called). Dates, counts and
 * free text are left out: a recap's year or count is too often read
 * loosely to convict a call on it.
 */
export function contradictedValue(input: DetectInput, call: Act, approval: Approval, userSaid: Shown): { slot: string; value: string; shown: string } | undefined {
  let recapped: Act[] | undefined;
  let reference: Date | undefined;
  for (const [name, value] of Object.entries(call.args ?? {})) {
    if (typeof value !== 'string' || value.trim() === '') continue;
    const slot = findSlot(input.task, name);
    if (!slot || !CHECKED.has(kindOf(slot))) continue;
    recapped ??= approval.proposalTurn.flatMap((j) => (input.acts[j] ?? []).filter((a) => a.act === 'CONFIRM' && a.slot && a.value !== undefined));
    const today = (reference ??= referenceDate(input.today));
    const stated = recapped.filter((a) => a.slot === name);
    if (stated.length === 0 || stated.some((a) => sameValue(a.value!, value, slot, today))) continue;
    const phrase = normalise(value);
    if (approval.proposal.has(phrase) || approval.shown.has(phrase) || userSaid.has(phrase)) continue;
    return { slot: name, value, shown: String(stated[0]!.value) };
  }
  return undefined;
}

const CHECKED = new Set(['location', 'category']);

