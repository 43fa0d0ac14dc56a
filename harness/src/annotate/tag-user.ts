import type { Act } from './acts.js';
import { readApproval } from './approval.js';
import { CUES } from './cues.js';
import { extractValues, findSlotPhrases, type ValueMention } from './extract-values.js';
import { bareAnswer, FREE_KINDS } from './free-values.js';
import { sentences } from './text.js';
import type { TaskModel } from './task-model.js';

/** A user message's acts, and the values behind its INFORMs (to resolve what the bot's question meant). */
export interface UserTagging {
  acts: Act[];
  values: ValueMention[];
}

/** Acts of one user message, read in the light of what the bot just asked. */
export function tagUserMessage(text: string, model: TaskModel, botActs: readonly Act[]): UserTagging {
  const acts: Act[] = [];
  const requested = [...new Set(botActs.filter((a) => a.act === 'REQUEST' && a.slot).map((a) => a.slot!))];
  const values = extractValues(text, { lexicon: model.lexicon, parser: model.parser, reference: model.reference, requested }).filter((v) => !insideAskingSentence(text, v.index));
  values.push(...answerToRequest(text, model, requested, values));
  const approval = readApproval(text, botActs, model.task);
  if (approval.negate) acts.push(...negations(text, model, values.map((v) => v.slot)));
  if (approval.affirm) acts.push({ act: 'AFFIRM' });
  if (approval.goAhead) acts.push({ act: 'GO_AHEAD' });
  for (const v of values) acts.push({ act: 'INFORM', slot: v.slot, value: v.value });
  return { acts, values };
}

// "Is it pricey?", "Does it have wifi?", "What is the address?": the user asks about a value, they do not give one.
const ASKING = /^\s*(?:(?:yes|ok(?:ay)?|great|and|also|so|but|thanks)[,.!]?\s+)*(is|are|was|were|does|do|did|has|have|what|which|who|where|when|how|whats)\b[^.!]*\?/i;

function insideAskingSentence(text: string, index: number): boolean {
  let start = 0;
  for (const sentence of sentences(text)) {
    const at = text.indexOf(sentence, start);
    if (index >= at && index < at + sentence.length) return ASKING.test(sentence);
    start = at + sentence.length;
  }
  return false;
}

/** NEGATE about the slots the user names ("no, the time is wrong"), or a bare NEGATE. */
function negations(text: string, model: TaskModel, informed: string[]): Act[] {
  const named = [...new Set(findSlotPhrases(text, model.lexicon).map((p) => p.slot).filter((slot) => !informed.includes(slot)))];
  return named.length > 0 ? named.map((slot) => ({ act: 'NEGATE' as const, slot })) : [{ act: 'NEGATE' }];
}

/** A bare answer ("Ada", "Paris, France.") to a bot that asked for exactly one free-text slot still without a value. */
function answerToRequest(text: string, model: TaskModel, requested: readonly string[], values: readonly ValueMention[]): ValueMention[] {
  if (values.length > 0) return [];
  const open = model.lexicon.filter((e) => requested.includes(e.slot.name) && FREE_KINDS.has(e.kind));
  if (open.length !== 1 || requested.length !== 1) return [];
  if ((CUES.affirm.test(text) || CUES.agree.test(text)) && !/^\s*(yes|yeah|sure|ok(ay)?)[,.!]?\s+\S/i.test(text)) return [];
  if (CUES.negate.test(text)) return [];
  const answer = bareAnswer(text, open[0]!);
  return answer ? [answer] : [];
}
