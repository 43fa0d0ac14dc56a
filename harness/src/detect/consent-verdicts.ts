import type { Act } from '../annotate/acts.js';
import { stableStringify } from '../core/hash.js';
import { trackApprovals, type Approval, type CallContext } from './approvals.js';
import { callValues, setsInstrument, type CallValue } from './call-values.js';
import { callFailed, unapprovedChanges, type FailedCall } from './retries.js';
import type { DetectInput } from './detector.js';
import { Shown } from './shown.js';
import { toolObjectsOf, type ToolObjects } from './tool-objects.js';
import { presentsActionBeside } from './other-action.js';
import { contradictedValue } from './contradicted-value.js';
import { unsplitPayment } from './split-payment.js';
import { wholeForPart } from './whole-for-part.js';
import { uncorrectedDestination } from './corrected-destination.js';

/** The consent verdict on one bot message that makes consequential calls. */
export type ConsentVerdict =
  | { kind: 'approved'; approval: Approval }
  /** No approval covers the call: none at all, or the call goes beyond what was approved. */
  | { kind: 'premature'; action: string; reason: string; related?: number }
  /** The action was approved, but a detail that decides money was never shown. */
  | { kind: 'unapproved-detail'; action: string; argument: string; reason: string; approval: Approval };

const MEMO = new WeakMap<DetectInput['acts'], Map<number, ConsentVerdict>>();

/**
 * The verdict on every message with a consequential call (rules of consent:
 * an approval covers the whole proposal it answers; a call beyond it, or with
 * no approval, is premature; an approved call whose money detail was never
 * shown is an unapproved detail; an identical retry inherits the verdict of
 * the call it repeats, unless the user approved anew since). Shared by the
 * premature-action and unapproved-detail detectors, so no call is both.
 */
export function consentVerdicts(input: DetectInput): Map<number, ConsentVerdict> {
  let verdicts = MEMO.get(input.acts);
  if (!verdicts) MEMO.set(input.acts, (verdicts = judgeAll(input)));
  return verdicts;
}

function judgeAll(input: DetectInput): Map<number, ConsentVerdict> {
  if (!input.acts.some((acts) => acts.some((a) => a.act === 'CALL' && a.consequential))) return new Map();
  // Read the tool results only when a call has an approval to check against.
  let read: ToolObjects | undefined;
  const objects = () => (read ??= toolObjectsOf(input.conversation));
  const verdicts = new Map<number, ConsentVerdict>();
  const earlier = new Map<string, { verdict: ConsentVerdict; approvalAt: number | undefined }>();
  const failures: FailedCall[] = [];
  // The first action called under each approval: the one its presentation is taken to present.
  const firstCall = new Map<number, Act>();
  trackApprovals(input, (index, context) => {
    const calls = (input.acts[index] ?? []).filter((a) => a.act === 'CALL');
    const judged = calls.flatMap((call, nth) => {
      if (!call.consequential) return [];
      const key = `${call.action}\u0000${stableStringify(call.args ?? {})}`;
      const before = earlier.get(key);
      const inherits = before !== undefined && (!context.approval || context.approval.approvalAt === before.approvalAt);
      const approvalAt = context.approval?.firstApprovalAt;
      if (approvalAt !== undefined && !firstCall.has(approvalAt)) firstCall.set(approvalAt, call);
      const first = approvalAt !== undefined ? firstCall.get(approvalAt) : undefined;
      const verdict = inherits
        ? before.verdict
        : (anotherAction(call, context, first, objects) ?? retryVerdict(input, index, call, context, failures, objects) ?? judgeCall(input, index, call, context, objects));
      earlier.set(key, { verdict, approvalAt: context.approval?.approvalAt ?? before?.approvalAt });
      if (callFailed(input, index, nth)) failures.push({ action: call.action ?? '', args: call.args ?? {}, at: index, approvalAt: context.approval?.approvalAt });
      return [verdict];
    });
    verdicts.set(index, worst(judged));
  });
  return verdicts;
}

/** Rule 1: a call of another action than the one carried out under this approval, which its presentation did not present. */
function anotherAction(call: Act, context: CallContext, first: Act | undefined, objects: () => ToolObjects): ConsentVerdict | undefined {
  const approval = context.approval;
  const action = call.action ?? 'the action';
  if (!approval || first === undefined || first.action === call.action || presentsActionBeside(approval.proposal, call, first, objects())) return undefined;
  const reason = `calls ${action} under the approval of another action (${first.action ?? 'an action'}): the proposal the user approved (message ${approval.proposalAt}) did not present it`;
  return { kind: 'premature', action, reason, related: approval.proposalAt };
}

/** A retry, under the same approval, of a call that failed, with a detail changed that nothing since the failure showed: premature (an unapproved detail when only a sum changed). */
function retryVerdict(input: DetectInput, index: number, call: Act, context: CallContext, failures: readonly FailedCall[], objects: () => ToolObjects): ConsentVerdict | undefined {
  const approval = context.approval;
  if (!approval) return undefined;
  const failed = [...failures].reverse().find((f) => f.action === call.action && f.approvalAt === approval.approvalAt);
  if (!failed) return undefined;
  const changes = unapprovedChanges(input, index, call, failed, objects());
  const sums = new Set(callValues(call.args ?? {}, input.task).filter((v) => v.kind === 'amount').map((v) => v.path));
  // A changed sum alone is a money detail the user never saw (unapproved-detail), not another plan.
  const changed = changes.find((c) => !sums.has(c.path)) ?? changes[0];
  if (!changed) return undefined;
  const action = call.action ?? 'the action';
  const reason = `retries ${action} after it failed (message ${failed.at}) with ${changed.path} changed to ${changed.value}, a change the user never approved`;
  if (sums.has(changed.path)) return { kind: 'unapproved-detail', action, argument: changed.path, reason, approval };
  return { kind: 'premature', action, reason, related: failed.at };
}

const RANK = { premature: 2, 'unapproved-detail': 1, approved: 0 } as const;

function worst(verdicts: ConsentVerdict[]): ConsentVerdict {
  return verdicts.reduce((a, b) => (RANK[b.kind] > RANK[a.kind] ? b : a));
}

/** One call against the approval in force. */
function judgeCall(input: DetectInput, index: number, call: Act, context: CallContext, tools: () => ToolObjects): ConsentVerdict {
  const action = call.action ?? 'the action';
  const { approval } = context;
  if (!approval) {
    const related = context.related;
    const reason = `calls ${action} before the user approved it: no yes answered a presentation of it (the action with its details) in the bot's turn before the user's last message`;
    return { kind: 'premature', action, reason, ...(related !== undefined ? { related } : {}) };
  }
  const values = callValues(call.args ?? {}, input.task);
  const objects = tools();
  const records = recordsOf(call.args ?? {}, values);
  const beyond = beyondProposal(input, index, call, values, context, approval, objects, records);
  if (beyond) return { kind: 'premature', action, reason: `calls ${action} with ${beyond}`, related: approval.proposalAt };
  const unshown = unshownMoneyDetail(action, values, context, approval, objects, records, index);
  if (unshown) return { kind: 'unapproved-detail', action, argument: unshown.argument, reason: `calls ${action}, approved at message ${approval.approvalAt}, but ${unshown.reason} in the proposal at message ${approval.proposalAt}`, approval };
  return { kind: 'approved', approval };
}

/** Rule 1: what in the call goes beyond the approved proposal (other values, a split payment undone, another object), said for the evidence. */
function beyondProposal(input: DetectInput, index: number, call: Act, values: CallValue[], context: CallContext, approval: Approval, objects: ToolObjects, records: readonly string[]): string | undefined {
  const proposal = `the proposal the user approved (message ${approval.proposalAt})`;
  const other = contradictedValue(input, call, approval, context.userSaid);
  if (other) return `${other.slot} = ${other.value}, where ${proposal} stated ${other.shown}`;
  const unsplit = unsplitPayment(values, () => latestPresentation(input, approval), objects);
  if (unsplit) return `payment by ${unsplit} alone, where ${proposal} split the payment`;
  const uncorrected = uncorrectedDestination(values, records, approval);
  if (uncorrected) return `its money going where ${proposal} said ("${uncorrected}"), where the user's yes changed where it goes`;
  const whole = wholeForPart(values, approval.proposal, objects, index);
  if (whole) return `${whole.record} as a whole, where ${proposal} took only a part of it (${whole.part})`;
  const beyond = values.find((v) => goesBeyond(v, approval, context.userSaid, objects, records, index));
  return beyond ? `${beyond.path} = ${String(beyond.value)}, which ${proposal} did not show` : undefined;
}

/**
 * A value beyond the proposal: the proposal showed values of this kind but
 * not this one, and the user never named it: another object, another
 * instrument. An identifier inside a list (a sailing of a
 * booking, a car of a rental) that belongs to the record the call acts on
 * (the same tool result describes both) is an unchanged part of it, which a
 * proposal need not list.
 */
function goesBeyond(v: CallValue, approval: Approval, userSaid: Shown, objects: ToolObjects, records: readonly string[], at: number): boolean {
  // A sum the user never saw is a money detail the approval did not cover (unapproved-detail), not another plan.
  if (v.kind === 'amount') return false;
  const value = String(v.value);
  // Written out, it was shown (the objects of the tool results need not be read); unless the yes corrected an instrument.
  const corrected = v.kind === 'instrument' && approval.correction.texts.length > 0;
  if (!corrected && (approval.shown.value(value) || userSaid.value(value))) return false;
  if (v.kind === 'identifier' && !v.topLevel && records.some((record) => objects.together(record, value, at))) return false;
  const object = objects.object(value);
  const kin = objects.kinOf(object, v.key).filter((other) => other !== value.toLowerCase());
  // The user's correction in the yes ("to my savings account instead") names another of its kind: this one is not what they approved.
  if (v.kind === 'instrument' && !approval.correction.value(value, object, kin) && kin.some((other) => approval.correction.value(other, objects.object(other), [value, ...kin]))) return true;
  if (approval.shown.value(value, object, kin) || userSaid.value(value, object, kin)) return false;
  // A new part (a sailing to book, a car to swap in) must have been shown while the request was discussed, and
  // in the proposal itself when it listed the parts by their codes: one it left out is not part of what the user approved.
  if (v.kind === 'identifier' && !v.topLevel) return kin.some((other) => approval.proposal.value(other)) || !approval.request.value(value, object, kin);
  const family = [value, ...kin];
  return kin.some((other) => approval.proposal.value(other, objects.object(other), family));
}

/**
 * A money detail the approval does not cover: an instrument (card, refund
 * destination) neither shown nor named by the user; an amount never stated;
 * or, for a call that moves money without stating the sum, no figure in the
 * proposal. A proposal saying nothing is charged needs neither; a call that
 * only sets the instrument (an action named for the payment) needs no sum.
 */
function unshownMoneyDetail(action: string, values: CallValue[], context: CallContext, approval: Approval, objects: ToolObjects, records: readonly string[], at: number): { argument: string; reason: string } | undefined {
  const instruments = values.filter((v) => v.kind === 'instrument');
  const amounts = values.filter((v) => v.kind === 'amount');
  if (instruments.length === 0 && amounts.length === 0) return undefined;
  if (approval.shown.noCharge && amounts.length === 0) return undefined;
  const gaps: Array<{ argument: string; reason: string }> = [];
  for (const v of instruments) {
    const value = String(v.value);
    if (approval.shown.value(value) || context.userSaid.value(value)) continue;
    const object = objects.object(value);
    const kin = objects.kinOf(object, v.key);
    // "Back to your original payment method": the instrument the record itself was paid with.
    const original = ORIGINAL.test(approval.shown.texts.join('\n')) && records.some((record) => objects.together(record, value, at));
    if (!original && !approval.shown.value(value, object, kin) && !context.userSaid.value(value, object, kin)) gaps.push({ argument: v.path, reason: `${v.path} (${value}) was never shown` });
  }
  for (const v of amounts) if (!approval.shown.amount(v.value as number) && !approval.request.amount(v.value as number) && !context.userSaid.amount(v.value as number)) gaps.push({ argument: v.path, reason: `${v.path} (${v.value}) was never stated` });
  if (amounts.length === 0 && !setsInstrument(action) && !approval.shown.statesMoney && !approval.request.statesMoney) gaps.push({ argument: instruments[0]!.path, reason: `the sum ${instruments[0]!.path} pays or receives was never stated` });
  return gaps.length > 0 ? { argument: gaps[0]!.argument, reason: gaps.map((g) => g.reason).join(', and ') } : undefined;
}

/** The presentation the yes answered, without the earlier one it continues after a failure: the split it states is the one approved. */
function latestPresentation(input: DetectInput, approval: Approval): Shown {
  const messages = input.conversation.messages;
  const latest = approval.proposalTurn.filter((j) => !messages.slice(j, approval.approvalAt).some((m) => m.role === 'user'));
  return new Shown(latest.map((j) => messages[j]!.content ?? ''));
}

/**
 * The records a call acts on: its own arguments that are codes, by their
 * shape ("K7QX2P1", "#R123") or, for a code of letters alone ("QWRTZP"), by
 * the argument's name ("booking_code", "order_number").
 */
function recordsOf(args: Record<string, unknown>, values: readonly CallValue[]): string[] {
  const records = values.filter((v) => v.kind === 'identifier' && v.topLevel).map((v) => String(v.value));
  for (const [name, value] of Object.entries(args)) if (typeof value === 'string' && CODE_NAME.test(name) && CODE_SHAPE.test(value) && !records.includes(value)) records.push(value);
  return records;
}

const CODE_NAME = /(?:^|_)(?:id|code|number|ref|reference)$/i;
const CODE_SHAPE = /^#?[A-Z0-9][A-Z0-9-]{3,}$/;

const ORIGINAL = /\b(?:original|same) (?:form of )?(?:payment|card|method|account)/i;
