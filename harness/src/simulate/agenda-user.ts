import type { Act } from '../annotate/acts.js';
import { referenceDate, sameValue } from '../annotate/normalize.js';
import { findSlot, type SlotValue, type Task } from '../bot/task.js';
import type { Correction, Scenario } from '../scenario/schema.js';
import { createPhrasing, type Phrasing } from './phrasing.js';
import type { SimulatorView, UserSimulator, UserTurn } from './simulator.js';
import { isFailedToolResult } from '../detect/slot-state.js';

/** Mutable state of one simulated user, for one conversation. */
interface AgendaState {
  goal: Record<string, SlotValue>;
  told: Set<string>;
  pending: Correction[];
  /** Slots given on the previous user turn, for `next-turn` corrections. */
  justTold: string[];
  idleTurns: number;
  declined: boolean;
}

/**
 * The reactive, agenda-based user: answers what the bot asks from its goal,
 * affirms a confirmation that matches the goal and corrects one that does not,
 * makes the scenario's corrections, and authorises only as the scenario says.
 */
export function createAgendaUser(scenario: Scenario, task: Task, seed?: number): UserSimulator {
  const say = createPhrasing(seed);
  const reference = referenceDate(scenario.today);
  const state: AgendaState = {
    goal: { ...scenario.user.goal },
    told: new Set(),
    pending: [...scenario.user.corrections],
    justTold: [],
    idleTurns: 0,
    declined: false,
  };
  const same = (slot: string, a: SlotValue, b: SlotValue) => sameValue(a, b, findSlot(task, slot), reference);
  return {
    kind: 'rule',
    async open() {
      const volunteered = scenario.user.volunteer.map((slot) => [slot, state.goal[slot]!] as const);
      markTold(state, volunteered.map(([slot]) => slot));
      const intent = task.actions.find((a) => a.consequential)?.description || task.description || 'get some help';
      const content = scenario.user.opening ?? [say.opening(intent), volunteered.length > 0 ? say.informs(volunteered) : ''].filter(Boolean).join(' ');
      return { content, acts: volunteered.map(([slot, value]) => inform(slot, value)) };
    },
    async respond(view: SimulatorView) {
      // The user lets the bot try again once after a failed call, then gives up.
      if (view.actionDone || state.declined || failedCalls(view) >= 2) return null;
      const turn = composeReply(view.botActs, scenario, state, same, say);
      if (turn.acts.length === 0) {
        state.idleTurns += 1;
        if (state.idleTurns > 2 || view.botActs.some((a) => a.act === 'CLAIMS_DONE')) return null;
      } else state.idleTurns = 0;
      return turn;
    },
  };
}

type Same = (slot: string, a: SlotValue, b: SlotValue) => boolean;

function composeReply(botActs: readonly Act[], scenario: Scenario, state: AgendaState, same: Same, say: Phrasing): UserTurn {
  const parts: string[] = [];
  const acts: Act[] = [];
  const add = (text: string, ...newActs: Act[]) => {
    parts.push(text);
    acts.push(...newActs);
  };
  for (const correction of takeCorrections(state, 'next-turn', (c) => state.justTold.includes(c.slot))) {
    add(say.correction(correction.slot, correction.to, 'Actually'), inform(correction.slot, correction.to));
  }
  state.justTold = [];
  const confirmed = botActs.filter((a) => a.act === 'CONFIRM' && a.slot !== undefined);
  const asksGoAhead = botActs.some((a) => a.act === 'ASK_GO_AHEAD');
  if (confirmed.length > 0) answerConfirmation(confirmed, asksGoAhead, scenario, state, same, add, say);
  else if (asksGoAhead) answerGoAhead(scenario, state, add, say);
  answerRequests(botActs, state, add, say);
  if (acts.length === 0) volunteerNext(state, add, say);
  return { content: parts.join(' ') || say.idle(), acts };
}

type Add = (text: string, ...acts: Act[]) => void;

function answerConfirmation(confirmed: Act[], asksGoAhead: boolean, scenario: Scenario, state: AgendaState, same: Same, add: Add, say: Phrasing): void {
  const corrections = takeCorrections(state, 'at-confirmation', (c) => confirmed.some((a) => a.slot === c.slot));
  const wrong = confirmed.filter((a) => {
    const wanted = state.goal[a.slot!];
    return wanted !== undefined && !corrections.some((c) => c.slot === a.slot) && !same(a.slot!, wanted, a.value ?? '');
  });
  if (corrections.length > 0 || wrong.length > 0) {
    const fixes = [...corrections.map((c) => [c.slot, c.to] as const), ...wrong.map((a) => [a.slot!, state.goal[a.slot!]!] as const)];
    fixes.forEach(([slot, value], i) => add(say.correction(slot, value, i === 0 ? 'No' : 'Actually'), ...(i === 0 ? [{ act: 'NEGATE' as const }] : []), inform(slot, value)));
    return;
  }
  const authorise = scenario.user.confirmation === 'affirm-and-go-ahead' || (asksGoAhead && scenario.user.goAhead === 'when-asked');
  if (authorise) add(say.affirmAndGoAhead(), { act: 'AFFIRM' }, { act: 'GO_AHEAD' });
  else if (asksGoAhead) {
    add(`${say.affirm()} ${say.decline()}`, { act: 'AFFIRM' }, { act: 'NEGATE' });
    state.declined = true;
  } else add(say.affirm(), { act: 'AFFIRM' });
}

function answerGoAhead(scenario: Scenario, state: AgendaState, add: Add, say: Phrasing): void {
  if (scenario.user.goAhead === 'when-asked') add(say.goAhead(), { act: 'AFFIRM' }, { act: 'GO_AHEAD' });
  else {
    add(say.decline(), { act: 'NEGATE' });
    state.declined = true;
  }
}

function answerRequests(botActs: readonly Act[], state: AgendaState, add: Add, say: Phrasing): void {
  const requested = [...new Set(botActs.filter((a) => a.act === 'REQUEST' && a.slot).map((a) => a.slot!))];
  const known = requested.filter((slot) => slot in state.goal);
  for (const slot of requested.filter((s) => !(s in state.goal))) add(say.noPreference(slot));
  if (known.length === 0) return;
  add(say.informs(known.map((slot) => [slot, state.goal[slot]!] as const)), ...known.map((slot) => inform(slot, state.goal[slot]!)));
  markTold(state, known);
}

function volunteerNext(state: AgendaState, add: Add, say: Phrasing): void {
  const next = Object.keys(state.goal).find((slot) => !state.told.has(slot));
  if (!next) return;
  add(say.informs([[next, state.goal[next]!]]), inform(next, state.goal[next]!));
  markTold(state, [next]);
}

function takeCorrections(state: AgendaState, when: Correction['when'], due: (c: Correction) => boolean): Correction[] {
  const taken = state.pending.filter((c) => c.when === when && due(c));
  state.pending = state.pending.filter((c) => !taken.includes(c));
  for (const c of taken) state.goal[c.slot] = c.to;
  return taken;
}

function markTold(state: AgendaState, slots: string[]): void {
  for (const slot of slots) state.told.add(slot);
  state.justTold.push(...slots);
}

function inform(slot: string, value: SlotValue): Act {
  return { act: 'INFORM', slot, value };
}

/** How many tool calls have failed so far (a failed booking, say). */
function failedCalls(view: SimulatorView): number {
  return view.messages.filter((m) => m.role === 'tool' && isFailedToolResult(m.content)).length;
}
