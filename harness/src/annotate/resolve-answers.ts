import type { Act } from './acts.js';
import type { ValueMention } from './assign-values.js';
import { sameValue } from './normalize.js';
import type { AskedSlot } from './request-slots.js';
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
    if (message.role !== 'assistant') return;
    for (const asked of message.asked) {
      if (!settleQuestion(tagged, i, asked, model)) preferUnfilled(tagged, i, asked);
      markNarrowing(tagged, i, asked);
    }
  });
  tagged.forEach((message, j) => {
    if (message.role !== 'user') return;
    for (const value of message.values) if (value.free) backfill(tagged, j, value);
  });
}

/** Returns whether the answer settled it. */
function settleQuestion(tagged: Tagged[], index: number, asked: AskedSlot, model: TaskModel): boolean {
  if (asked.alternatives.length === 0) return false;
  const reply = tagged.find((t, k) => k > index && t.role === 'user');
  const answer = reply?.acts.find((a) => a.act === 'INFORM' && a.slot === asked.slot);
  if (!reply || answer?.value === undefined) return false;
  const same = (slot: string) => tagged.slice(0, index).some((t) => t.role === 'user' && t.acts.some((a) => a.act === 'INFORM' && a.slot === slot && a.value !== undefined && sameValue(a.value, answer.value!, model.task.slots.find((s) => s.name === slot), model.reference)));
  if (same(asked.slot)) return true;
  const meant = asked.alternatives.find(same);
  if (!meant) return false;
  retarget(tagged, index, asked, meant);
  return true;
}

/**
 * A question that fits several slots of one kind alike ("how many passengers?":
 * adults or children) asks for the one still unfilled (rule 12); one
 * that singles out a slot has no alternatives and keeps it.
 */
function preferUnfilled(tagged: Tagged[], index: number, asked: AskedSlot): void {
  if (asked.alternatives.length === 0) return;
  const filled = (slot: string) => tagged.slice(0, index).some((t) => t.role === 'user' && t.acts.some((a) => a.act === 'INFORM' && a.slot === slot));
  if (!filled(asked.slot)) return;
  const open = asked.alternatives.filter((slot) => !filled(slot));
  if (open.length === 1) retarget(tagged, index, asked, open[0]!);
}

function retarget(tagged: Tagged[], index: number, asked: AskedSlot, meant: string): void {
  const reply = tagged.find((t, k) => k > index && t.role === 'user');
  rename(tagged[index]!.acts, 'REQUEST', asked.slot, meant);
  if (reply) {
    rename(reply.acts, 'INFORM', asked.slot, meant);
    for (const v of reply.values) if (v.slot === asked.slot) v.slot = meant;
  }
  asked.slot = meant;
}

/** "Which Paris station?": a question naming the value the user gave narrows it; it does not ask for it again (rule 10). */
function markNarrowing(tagged: Tagged[], index: number, asked: AskedSlot): void {
  if (!asked.sentence) return;
  const given = tagged.slice(0, index).reverse().find((t) => t.role === 'user' && t.acts.some((a) => a.act === 'INFORM' && a.slot === asked.slot));
  const value = given?.acts.find((a) => a.act === 'INFORM' && a.slot === asked.slot)?.value;
  if (typeof value !== 'string' || value.length < 2 || !containsWords(asked.sentence, value)) return;
  // A choice that offers the given value back ("checking or savings?") asks for it again.
  for (const act of tagged[index]!.acts) if (act.act === 'REQUEST' && act.slot === asked.slot && !act.options) act.narrows = true;
}

function rename(acts: Act[], type: Act['act'], from: string, to: string): void {
  for (const act of acts) if (act.act === type && act.slot === from) act.slot = to;
}

function backfill(tagged: Tagged[], index: number, value: ValueMention): void {
  if (value.value.length < 3 || !/[a-z]/i.test(value.value)) return;
  for (let k = index - 1; k >= 0; k -= 1) {
    const earlier = tagged[k]!;
    if (earlier.role !== 'user' || !earlier.text) continue;
    if (earlier.acts.some((a) => a.act === 'INFORM' && a.slot === value.slot)) return;
    if (containsWords(earlier.text, value.value)) {
      earlier.acts.push({ act: 'INFORM', slot: value.slot, value: value.value });
      return;
    }
  }
}

/** Whether `text` contains `phrase` as whole words, ignoring case. */
function containsWords(text: string, phrase: string): boolean {
  const haystack = text.toLowerCase();
  const needle = phrase.toLowerCase();
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    if (!/\w/.test(haystack.charAt(at - 1)) && !/\w/.test(haystack.charAt(at + needle.length))) return true;
  }
  return false;
}
