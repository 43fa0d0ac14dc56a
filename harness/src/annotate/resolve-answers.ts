import type { Act } from './acts.js';
import type { ValueMention } from './assign-values.js';
import { sameValue } from './normalize.js';
import type { AskedSlot } from './request-slots.js';
import { escapeRegExp } from './text.js';
import type { TaskModel } from './task-model.js';

/** A message as first tagged, with what conversation-level resolution needs. */
export interface Tagged {
  role: string;
  acts: Act[];
  /** Bot messages: what each question asked, with the slots it could also have meant. */
  asked: AskedSlot[];
  /** User messages: the values behind the INFORMs. */
  values: ValueMention[];
  text?: string;
}

/**
 * Settles, from the user's answers, what was meant:
 * - a question that fits several slots equally ("where do you want to pick
 *   it up?": city or location) meant the one whose earlier value the answer repeats;
 * - a free-text answer ("Paris, France.") that the user had already said
 *   earlier gave that same slot back then too.
 */
export function resolveAnswers(tagged: Tagged[], model: TaskModel): void {
  tagged.forEach((message, i) => {
    if (message.role === 'assistant') message.asked.forEach((asked) => settleQuestion(tagged, i, asked, model));
  });
  tagged.forEach((message, j) => {
    if (message.role !== 'user') return;
    for (const value of message.values) if (value.free) backfill(tagged, j, value);
  });
}

function settleQuestion(tagged: Tagged[], index: number, asked: AskedSlot, model: TaskModel): void {
  if (asked.alternatives.length === 0) return;
  const replyIndex = tagged.findIndex((t, k) => k > index && t.role === 'user');
  const reply = tagged[replyIndex];
  const answer = reply?.acts.find((a) => a.act === 'INFORM' && a.slot === asked.slot);
  if (!reply || answer?.value === undefined) return;
  const same = (slot: string) => tagged.slice(0, index).some((t) => t.role === 'user' && t.acts.some((a) => a.act === 'INFORM' && a.slot === slot && a.value !== undefined && sameValue(a.value, answer.value!, model.task.slots.find((s) => s.name === slot), model.reference)));
  if (same(asked.slot)) return;
  const meant = asked.alternatives.find(same);
  if (!meant) return;
  rename(tagged[index]!.acts, 'REQUEST', asked.slot, meant);
  rename(reply.acts, 'INFORM', asked.slot, meant);
  for (const v of reply.values) if (v.slot === asked.slot) v.slot = meant;
}

function rename(acts: Act[], type: Act['act'], from: string, to: string): void {
  for (const act of acts) if (act.act === type && act.slot === from) act.slot = to;
}

function backfill(tagged: Tagged[], index: number, value: ValueMention): void {
  if (value.value.length < 3 || !/[a-z]/i.test(value.value)) return;
  const pattern = new RegExp(`\\b${escapeRegExp(value.value)}\\b`, 'i');
  for (let k = index - 1; k >= 0; k -= 1) {
    const earlier = tagged[k]!;
    if (earlier.role !== 'user' || !earlier.text) continue;
    if (earlier.acts.some((a) => a.act === 'INFORM' && a.slot === value.slot)) return;
    if (pattern.test(earlier.text)) {
      earlier.acts.push({ act: 'INFORM', slot: value.slot, value: value.value });
      return;
    }
  }
}
