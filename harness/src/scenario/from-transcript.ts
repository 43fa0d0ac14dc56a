import type { Act } from '../annotate/acts.js';
import type { AnnotatedConversation } from '../annotate/annotate.js';
import { normalizeDate, normalizeNumber, normalizeText, normalizeTime, referenceDate } from '../annotate/normalize.js';
import { slotTypeOf } from '../annotate/slot-types.js';
import { A_BOT_OF_KIND, type BotKind } from '../bot/schema.js';
import { findSlot, humanize, type SlotValue } from '../bot/task.js';
import type { ToolStep } from '../bot/tool-mock-schema.js';
import type { Finding } from '../detect/failure.js';
import { toolArguments } from '../transcript/schema.js';
import type { Correction } from './schema.js';
import { recordedSteps } from './recorded-tools.js';
import { mainAction } from './main-action.js';

/** A scenario drafted from a recorded conversation: its fields, and commented placeholders for what could not be inferred. */
export interface RegressionDraft {
  id: string;
  data: Record<string, unknown>;
  /** Commented lines, by the top-level key they go under. */
  placeholders: Record<string, string[]>;
  comments: string[];
}

interface Given {
  slot: string;
  value: SlotValue;
  message: number;
}

/**
 * What the user of a recorded conversation wanted and did, as a scenario: the
 * values they gave (canonical, as the bot's call wrote them when it agreed),
 * which came up front, their changes of mind and when, how they confirmed and
 * authorised, and the action a correct bot ends with. Acts come from the
 * tagger (or, for a run's transcript, the simulator). Nothing is guessed: what
 * the conversation does not show is a commented placeholder.
 */
export function regressionDraft(annotated: AnnotatedConversation, context: { bot: string; botKind: BotKind; source: string; findings: readonly Finding[] }): RegressionDraft {
  const { conversation, task, acts } = annotated;
  const action = mainAction(task);
  const users = conversation.messages.flatMap((m, i) => (m.role === 'user' ? [i] : []));
  const canonical = canonicalizer(annotated);
  const { goal, volunteered, corrections, unplaced } = valuesOf(users, acts, annotated, canonical);
  const botActsBefore = (i: number) => acts[lastBotMessage(annotated, i)] ?? [];
  const placeholders: Record<string, string[]> = { user: [], expect: [] };
  const confirmation = confirmationOf(users, acts, botActsBefore);
  const goAhead = goAheadOf(users, acts, botActsBefore);
  if (!confirmation) placeholders.user!.push('confirmation: the user never answered a confirmation; affirm (the default) or affirm-and-go-ahead?');
  if (!goAhead) placeholders.user!.push('goAhead: the user neither authorised nor refused the action; when-asked (the default) or never?');
  for (const c of unplaced) placeholders.user!.push(`a change of ${humanize(c.slot)} to ${String(c.to)} (message ${c.message}) came neither at a confirmation nor on the turn after giving it: add it under corrections with the timing you mean`);
  for (const slot of action ? action.required.filter((s) => !(s in goal)) : []) placeholders.user!.push(`goal.${slot}: the user never gave it; add the value they would give, or leave it out`);
  const authorised = goAhead === 'when-asked' || confirmation === 'affirm-and-go-ahead';
  const expectAction = goAhead === 'never' && confirmation !== 'affirm-and-go-ahead' ? null : authorised && action ? { name: action.name } : undefined;
  if (expectAction === undefined) placeholders.expect!.push('action: the user never authorised the action, so what a correct bot ends with is not known: { name: ... } or null');
  const today = (annotated.today ?? '').length > 0 ? annotated.today : undefined;
  if (!today) placeholders.today = ['today: the conversation carries no date; set it (YYYY-MM-DD) so that relative dates mean what they meant'];
  const id = `regression-${conversation.id.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+|-+$/g, '') || 'conversation'}`;
  const found = [...new Set(context.findings.map((f) => `${f.class} at message ${f.messageIndex}`))];
  const data: Record<string, unknown> = {
    id,
    bot: context.bot,
    description: `Replays conversation ${conversation.id} of ${context.source}${found.length > 0 ? `, where the bot showed ${found.join(', ')}` : ''}.`,
    ...(today ? { today } : {}),
    tags: ['regression'],
    user: {
      goal,
      volunteer: volunteered,
      ...(corrections.length > 0 ? { corrections } : {}),
      ...(confirmation ? { confirmation } : {}),
      ...(goAhead ? { goAhead } : {}),
    },
    expect: {
      ...(expectAction !== undefined ? { action: expectAction } : {}),
      ...(confirmation === 'affirm-and-go-ahead' ? { goAhead: 'with-confirmation' } : {}),
      maxTurns: Math.max(8, users.length + 4),
    },
  };
  const steps = action ? recordedSteps(annotated, action.name) : [];
  const failed = steps.some((step) => 'error' in step);
  // Only a prompt bot's tools are slotcheck's to play; another kind's failure is for its service to reproduce.
  if (failed && context.botKind === 'prompt') data.toolMocks = { [action!.name]: [steps.length === 1 ? steps[0] : { sequence: steps }] };
  const first = users[0] === undefined ? '' : (conversation.messages[users[0]]!.content ?? '');
  return {
    id, data, placeholders,
    comments: [
      `From conversation ${conversation.id} of ${context.source} (slotcheck scenarios from-transcript).`,
      ...(first ? [`The user opened with: ${oneLine(first)}`] : []),
      ...(failed && context.botKind !== 'prompt' ? [ownToolFailed(action!.name, steps, context.botKind)] : []),
    ],
  };
}

/** Why a recorded failure of the bot's own tool is not replayed: slotcheck does not play an HTTP or module bot's tools. */
function ownToolFailed(action: string, steps: readonly ToolStep[], kind: BotKind): string {
  const errors = [...new Set(steps.flatMap((s) => ('error' in s ? [s.error] : [])))].join('; ');
  const after = 'error' in steps.at(-1)! ? 'every time' : 'then succeeded';
  return `The bot's own ${action} failed (${errors}), ${after}: ${A_BOT_OF_KIND[kind]} runs its own tools, so slotcheck does not replay that; make the bot fail the same way to test it.`;
}

function valuesOf(users: number[], acts: AnnotatedConversation['acts'], annotated: AnnotatedConversation, canonical: (slot: string, value: SlotValue) => SlotValue) {
  const goal: Record<string, SlotValue> = {};
  const volunteered: string[] = [];
  const corrections: Correction[] = [];
  const unplaced: Array<{ slot: string; to: SlotValue; message: number }> = [];
  const last = new Map<string, Given>();
  let rejected = -1;
  users.forEach((i, turn) => {
    let negated = false;
    if (acts[i]?.some((a) => a.act === 'NEGATE') && lastBotActs(annotated, i).some((a) => a.act === 'CONFIRM')) rejected = i;
    for (const act of acts[i] ?? []) {
      negated ||= act.act === 'NEGATE';
      if (act.act !== 'INFORM' || !act.slot || act.value === undefined || !findSlot(annotated.task, act.slot)) continue;
      const value = canonical(act.slot, act.value);
      const before = last.get(act.slot);
      last.set(act.slot, { slot: act.slot, value, message: i });
      if (!before) {
        goal[act.slot] = value;
        if (turn === 0) volunteered.push(act.slot);
      } else if (normalizeText(String(before.value)) !== normalizeText(String(value))) {
        // At a confirmation: in answer to one, or after rejecting one ("no, the time is wrong" … "8 pm").
        const atConfirmation = negated || rejected > before.message || lastBotActs(annotated, i).some((a) => a.act === 'CONFIRM');
        const nextTurn = users[turn - 1] === before.message;
        if (atConfirmation || nextTurn) corrections.push({ slot: act.slot, to: value, when: atConfirmation ? 'at-confirmation' : 'next-turn' });
        else unplaced.push({ slot: act.slot, to: value, message: i });
      }
    }
  });
  fromCalls(annotated, users, goal, volunteered);
  return { goal, volunteered, corrections, unplaced };
}

/**
 * A value the tagger missed but the bot's call passed, written word for word
 * in a user message ("…, name Ken."), is the user's: it is taken, from that
 * message. A value no user message holds is not: it stays a placeholder.
 */
function fromCalls(annotated: AnnotatedConversation, users: number[], goal: Record<string, SlotValue>, volunteered: string[]): void {
  const texts = users.map((i) => ` ${normalizeText(annotated.conversation.messages[i]!.content ?? '')} `);
  for (const message of annotated.conversation.messages) {
    if (message.role !== 'assistant') continue;
    for (const call of message.tool_calls ?? []) {
      for (const [slot, value] of Object.entries(toolArguments(call) ?? {})) {
        if (slot in goal || typeof value !== 'string' || !findSlot(annotated.task, slot) || normalizeText(value).length === 0) continue;
        const turn = texts.findIndex((t) => t.includes(` ${normalizeText(value)} `));
        if (turn < 0) continue;
        goal[slot] = value;
        if (turn === 0) volunteered.push(slot);
      }
    }
  }
}

function confirmationOf(users: number[], acts: AnnotatedConversation['acts'], botActsBefore: (i: number) => Act[]): 'affirm' | 'affirm-and-go-ahead' | undefined {
  for (const i of users) {
    if (!botActsBefore(i).some((a) => a.act === 'CONFIRM')) continue;
    const own = acts[i] ?? [];
    if (own.some((a) => a.act === 'AFFIRM')) return own.some((a) => a.act === 'GO_AHEAD') ? 'affirm-and-go-ahead' : 'affirm';
  }
  return undefined;
}

function goAheadOf(users: number[], acts: AnnotatedConversation['acts'], botActsBefore: (i: number) => Act[]): 'when-asked' | 'never' | undefined {
  if (users.some((i) => acts[i]?.some((a) => a.act === 'GO_AHEAD'))) return 'when-asked';
  const refused = users.some((i) => botActsBefore(i).some((a) => a.act === 'ASK_GO_AHEAD') && acts[i]?.some((a) => a.act === 'NEGATE'));
  return refused ? 'never' : undefined;
}

function lastBotMessage(annotated: AnnotatedConversation, before: number): number {
  for (let i = before - 1; i >= 0; i -= 1) if (annotated.conversation.messages[i]?.role === 'assistant' && annotated.conversation.messages[i]?.content) return i;
  return -1;
}

function lastBotActs(annotated: AnnotatedConversation, before: number): Act[] {
  return annotated.acts[lastBotMessage(annotated, before)] ?? [];
}

/**
 * A value as a scenario states it: as the bot's tool call wrote it when the
 * two agree (its canonical form: "Ada", "2026-12-05"), else the user's words
 * in canonical form where one exists (dates, times, numbers, an allowed
 * value), else as written.
 */
function canonicalizer(annotated: AnnotatedConversation): (slot: string, value: SlotValue) => SlotValue {
  const reference = referenceDate(annotated.today);
  const called = annotated.conversation.messages.flatMap((m) => (m.role === 'assistant' ? (m.tool_calls ?? []).map((c) => toolArguments(c) ?? {}) : []));
  return (slot, value) => {
    const spec = findSlot(annotated.task, slot);
    const text = String(value).trim();
    const type = spec ? slotTypeOf(spec) : 'string';
    const canonical: SlotValue | undefined =
      type === 'date' ? normalizeDate(text, reference) : type === 'time' ? normalizeTime(text, reference)
        : type === 'integer' || type === 'number' ? numberOf(normalizeNumber(text)) : type === 'boolean' ? /^(true|yes)$/i.test(text) : undefined;
    const fromCall = called.map((args) => args[slot]).find((v): v is SlotValue => ['string', 'number', 'boolean'].includes(typeof v) && normalizeText(String(v)) === normalizeText(String(canonical ?? text)));
    const allowed = spec?.values?.find((v) => normalizeText(v) === normalizeText(text));
    return fromCall ?? canonical ?? allowed ?? text;
  };
}

function numberOf(text: string | undefined): number | undefined {
  return text === undefined ? undefined : Number(text);
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}

