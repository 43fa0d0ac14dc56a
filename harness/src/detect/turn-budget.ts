import type { Act } from '../annotate/acts.js';
import { humanize } from '../bot/task.js';
import type { Detector, DetectInput } from './detector.js';
import type { Finding } from './failure.js';
import { evidenceAt } from './quote.js';
import { ValueHistory } from './value-history.js';
import { isFailedToolResult } from './slot-state.js';

/** How many bot messages in a row asking the same thing make a loop. */
export const LOOP_LENGTH = 3;

/**
 * turn-budget: the conversation did not converge. One finding per
 * conversation: when the simulation ran out of turns (`endedByBudget`), or
 * when the bot asks the same thing in three bot messages in a row. It points
 * at the loop's third ask, else at the last bot message. It is about the
 * conversation, re-ask about a single question: a loop over a value the user
 * gave is also re-ask on the repeated asks, and both are reported.
 * Recorded conversations carry no budget, and one mis-tagged question could
 * make a loop, so without ground-truth user acts it stays silent.
 */
export const turnBudgetDetector: Detector = {
  id: 'turn-budget',
  title: 'The conversation runs past its turn budget or loops on the same question.',
  definition:
    'The simulated conversation reached its turn budget without finishing, or the bot asks the same thing (the same slot, the same confirmation, or for permission) in three bot messages in a row. ' +
    'Judged only in simulation. Not this class: a question repeated while the user keeps giving new values in between (that is progress), or asked again after the action failed.',
  detect(input: DetectInput): Finding[] {
    const loop = input.userActsAreGroundTruth || input.endedByBudget ? findLoop(input) : undefined;
    if (loop) return [finding(input, loop.at, loop.first, `asks ${loop.what} ${LOOP_LENGTH} times in a row${input.endedByBudget ? ', and the conversation ran out of turns' : ''}`, loop.slot)];
    if (!input.endedByBudget) return [];
    const last = lastBotMessage(input);
    return last < 0 ? [] : [finding(input, last, undefined, 'the conversation reached its turn budget before the bot finished the task')];
  },
};

interface Question {
  what: string;
  /** The slot asked for, when the question is a request for one. */
  slot?: string;
}

interface Loop extends Question {
  first: number;
  at: number;
}

/**
 * The first question asked in LOOP_LENGTH consecutive bot text messages while
 * the user adds nothing new: a user message that changes a value restarts the
 * count (asking again about new values is progress, not a loop), and so
 * does a failed tool call.
 */
function findLoop(input: DetectInput): Loop | undefined {
  const runs = new Map<string, { first: number; count: number }>();
  const values = new ValueHistory(input);
  for (const [i, message] of input.conversation.messages.entries()) {
    if (message.role === 'user' && values.applyUser(input.acts[i] ?? [], i).length > 0) runs.clear();
    // After a failed action, asking again (for permission, for the details) is the way forward, not a loop.
    if (message.role === 'tool' && isFailedToolResult(message.content)) runs.clear();
    if (message.role !== 'assistant' || !message.content) continue;
    const questions = questionsOf(input.acts[i] ?? []);
    for (const key of [...runs.keys()]) if (!questions.has(key)) runs.delete(key);
    for (const [key, question] of questions) {
      const run = runs.get(key) ?? { first: i, count: 0 };
      run.count += 1;
      runs.set(key, run);
      if (run.count >= LOOP_LENGTH) return { ...question, first: run.first, at: i };
    }
  }
  return undefined;
}

/** What a bot message asks, keyed so that the same question gets the same key: a slot, a set of confirmed values, or permission. */
function questionsOf(acts: readonly Act[]): Map<string, Question> {
  const questions = new Map<string, Question>();
  for (const a of acts) if (a.act === 'REQUEST' && a.slot) questions.set(`REQUEST ${a.slot}`, { what: `for the ${humanize(a.slot)}`, slot: a.slot });
  const confirmed = acts.filter((a) => a.act === 'CONFIRM' && a.slot).map((a) => `${humanize(a.slot!)} ${String(a.value ?? '')}`.toLowerCase());
  if (confirmed.length > 0) questions.set(`CONFIRM ${confirmed.sort().join(', ')}`, { what: `to confirm ${confirmed.join(', ')}` });
  if (acts.some((a) => a.act === 'ASK_GO_AHEAD')) questions.set('ASK_GO_AHEAD', { what: 'for permission' });
  return questions;
}

function lastBotMessage(input: DetectInput): number {
  for (let i = input.conversation.messages.length - 1; i >= 0; i -= 1) if (input.conversation.messages[i]?.role === 'assistant') return i;
  return -1;
}

function finding(input: DetectInput, index: number, related: number | undefined, reason: string, slot?: string): Finding {
  return {
    class: 'turn-budget',
    messageIndex: index,
    ...(slot ? { slot } : {}),
    evidence: evidenceAt(input.conversation.messages, index, reason, related),
  };
}
