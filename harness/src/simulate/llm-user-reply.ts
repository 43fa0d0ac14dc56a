import * as z from 'zod';
import type { Act } from '../annotate/acts.js';
import { humanize, SlotValueSchema, type SlotValue } from '../bot/task.js';
import type { Correction, Scenario } from '../scenario/schema.js';

/**
 * What the LLM user answers each turn: the text it says and what that text
 * does. The flags mirror a scripted turn's (`gives`, `affirms`, `negates`,
 * `goAhead`) and become the simulator's ground-truth acts once checked.
 */
export const LlmUserReplySchema = z
  .object({
    /** What the user says. */
    reply: z.string().default(''),
    /** Slots the reply gives, with their values. */
    gives: z.record(z.string(), SlotValueSchema).nullish().transform((g) => g ?? {}),
    /** The reply says yes to what the bot confirmed or asked. */
    affirms: z.boolean().default(false),
    /** The reply says no. */
    negates: z.boolean().default(false),
    /** The reply authorises the action. */
    goAhead: z.boolean().default(false),
    /** The user ends the conversation. */
    ends: z.boolean().default(false),
  })
  .refine((r) => r.ends || r.reply.trim().length > 0, { path: ['reply'], message: 'empty: write what the user says, or set "ends": true' });
export type LlmUserReply = z.infer<typeof LlmUserReplySchema>;

/** What the simulated user has said and still has to do, for one conversation. */
export interface LlmUserState {
  /** The value the user wants now, per slot: the goal, with corrections made so far. */
  current: Record<string, SlotValue>;
  /** Slots the user has given at least once. */
  told: Set<string>;
  /** Corrections the scenario asks for that have not been made yet. */
  pending: Correction[];
  /** Replies in a row that did nothing (no acts). */
  idleTurns: number;
  /** The user refused permission and the scenario never gives it: the next turn ends. */
  declined: boolean;
}

export function initialState(scenario: Scenario): LlmUserState {
  return { current: { ...scenario.user.goal }, told: new Set(), pending: [...scenario.user.corrections], idleTurns: 0, declined: false };
}

/** What the policy check needs besides the reply. */
export interface TurnContext {
  scenario: Scenario;
  state: LlmUserState;
  /** Acts of what the bot said since the user's last turn (none for the opening). */
  botActs: readonly Act[];
  opening: boolean;
  same: (slot: string, a: SlotValue, b: SlotValue) => boolean;
}

/**
 * Why a reply breaks the scenario, in words fed back to the model; empty when
 * it does not. The guarantees live here, not in the prompt: no value outside
 * the goal (or a due correction), no authorisation before the scenario allows
 * it, and no authorisation while a correction is still to be made.
 */
export function policyProblems(reply: LlmUserReply, ctx: TurnContext): string[] {
  const problems = Object.entries(reply.gives).flatMap(([slot, value]) => givenValueProblems(slot, value, ctx));
  if (reply.goAhead) problems.push(...goAheadProblems(reply, ctx));
  const due = dueAtConfirmation(ctx).filter((c) => !(c.slot in reply.gives));
  if (reply.affirms && due.length > 0) problems.push(`the bot is confirming your details: instead of agreeing, change ${due.map(describe).join(' and ')}`);
  if (ctx.opening && reply.ends) problems.push('the first message cannot end the conversation');
  return problems;
}

function givenValueProblems(slot: string, value: SlotValue, ctx: TurnContext): string[] {
  const { scenario, state } = ctx;
  if (!(slot in state.current)) return [`"${slot}" is not one of your details: never give a ${humanize(slot)}; say you have no preference`];
  if (ctx.opening && !scenario.user.volunteer.includes(slot)) return [`the first message gives only ${scenario.user.volunteer.join(', ') || 'no details'}, not ${slot}`];
  if (allowedValues(slot, state).some((allowed) => ctx.same(slot, allowed, value))) return [];
  return [`the ${humanize(slot)} you give must be ${String(state.current[slot])}, not ${String(value)}`];
}

/** The goal's value; once the slot has been given, also a pending correction's new value. */
export function allowedValues(slot: string, state: LlmUserState): SlotValue[] {
  const corrections = state.told.has(slot) ? state.pending.filter((c) => c.slot === slot).map((c) => c.to) : [];
  return [state.current[slot]!, ...corrections];
}

/** Authorisation as the rule-based user gives it: on request (when-asked), or with the confirmation (affirm-and-go-ahead). */
function goAheadProblems(reply: LlmUserReply, ctx: TurnContext): string[] {
  const { user } = ctx.scenario;
  const asked = ctx.botActs.some((a) => a.act === 'ASK_GO_AHEAD');
  const confirmed = ctx.botActs.some((a) => a.act === 'CONFIRM');
  const allowed = (asked && user.goAhead === 'when-asked') || (confirmed && user.confirmation === 'affirm-and-go-ahead');
  const problems: string[] = [];
  if (!allowed) {
    problems.push(
      user.goAhead === 'never' && user.confirmation !== 'affirm-and-go-ahead'
        ? 'you never give the bot permission to act in this conversation'
        : user.confirmation === 'affirm-and-go-ahead'
          ? 'give permission only when the bot repeats your details back, or asks for permission'
          : 'give permission only when the bot asks whether it may go ahead',
    );
  }
  const pending = ctx.state.pending.filter((c) => !(c.slot in reply.gives));
  if (pending.length > 0) problems.push(`before giving permission, change ${pending.map(describe).join(' and ')}`);
  const changes = Object.entries(reply.gives).filter(([slot, value]) => ctx.state.told.has(slot) && slot in ctx.state.current && !ctx.same(slot, ctx.state.current[slot]!, value));
  if (changes.length > 0 && pending.length === 0) problems.push('do not give permission in the same message as a change: let the bot confirm the new details first');
  return problems;
}

/** At-confirmation corrections due now: the bot confirms their slot. */
function dueAtConfirmation(ctx: TurnContext): Correction[] {
  const confirmed = new Set(ctx.botActs.filter((a) => a.act === 'CONFIRM' && a.slot).map((a) => a.slot!));
  return ctx.state.pending.filter((c) => c.when === 'at-confirmation' && confirmed.has(c.slot));
}

function describe(correction: Correction): string {
  return `the ${humanize(correction.slot)} to ${String(correction.to)}`;
}

/** Records an accepted reply: slots told, corrections made. Returns the acts, with the goal's values. */
export function applyReply(reply: LlmUserReply, ctx: TurnContext): Act[] {
  const acts: Act[] = [];
  if (reply.negates) acts.push({ act: 'NEGATE' });
  if (reply.affirms) acts.push({ act: 'AFFIRM' });
  if (reply.goAhead) acts.push({ act: 'GO_AHEAD' });
  for (const [slot, given] of Object.entries(reply.gives)) {
    const value = allowedValues(slot, ctx.state).find((allowed) => ctx.same(slot, allowed, given)) ?? given;
    const made = ctx.state.pending.filter((c) => c.slot === slot && ctx.same(slot, c.to, value) && ctx.state.told.has(slot));
    if (made.length > 0) {
      ctx.state.pending = ctx.state.pending.filter((c) => !made.includes(c));
      ctx.state.current[slot] = value;
    }
    ctx.state.told.add(slot);
    acts.push({ act: 'INFORM', slot, value });
  }
  return acts;
}

/**
 * Whether the user stops after this turn's acts, as the rule-based user does:
 * on a third idle reply in a row (or an idle reply to a bot that says it is
 * done), so a chatty model cannot run the bot into its turn budget; and after
 * refusing permission for good, on the next turn.
 */
export function endsNow(acts: readonly Act[], ctx: TurnContext): boolean {
  const { state } = ctx;
  if (acts.some((a) => a.act === 'NEGATE') && ctx.botActs.some((a) => a.act === 'ASK_GO_AHEAD') && ctx.scenario.user.goAhead === 'never') state.declined = true;
  if (acts.length > 0) {
    state.idleTurns = 0;
    return false;
  }
  state.idleTurns += 1;
  return state.idleTurns > 2 || ctx.botActs.some((a) => a.act === 'CLAIMS_DONE');
}
