import type { Task } from '../bot/task.js';
import type { ChatMessage, Conversation } from '../transcript/schema.js';
import type { Act, MessageActs } from './acts.js';
import { CUES, sentences } from './cues.js';
import { buildLexicon, type Lexicon } from './lexicon.js';
import { extractValues, findSlotPhrases } from './extract-values.js';
import { referenceDate } from './normalize.js';
import type { TagContext, Tagger } from './tagger.js';

/** Everything the rules need about the task, built once per task. */
export interface TaskModel {
  task: Task;
  lexicon: Lexicon;
  reference: Date;
}

export function taskModel(task: Task, today?: string): TaskModel {
  return { task, lexicon: buildLexicon(task), reference: referenceDate(today) };
}

/** The default tagger: rules over the task description and the text; no model. */
export function createOfflineTagger(): Tagger {
  const cache = new Map<Task, TaskModel>();
  return {
    id: 'offline',
    async tag(conversation: Conversation, context: TagContext): Promise<MessageActs> {
      let model = cache.get(context.task);
      if (!model) cache.set(context.task, (model = taskModel(context.task, context.today)));
      return tagMessages(conversation.messages, model);
    },
  };
}

export function tagMessages(messages: readonly ChatMessage[], model: TaskModel): MessageActs {
  const acts: MessageActs = [];
  messages.forEach((message, i) => {
    if (message.role === 'assistant') acts.push(tagAssistant(message, model));
    else if (message.role === 'user') acts.push(tagUser(message.content, model, previousAssistantActs(acts, messages, i)));
    else acts.push([]);
  });
  return acts;
}

function previousAssistantActs(acts: MessageActs, messages: readonly ChatMessage[], index: number): Act[] {
  for (let i = index - 1; i >= 0; i -= 1) if (messages[i]?.role === 'assistant' && messages[i]?.content) return acts[i] ?? [];
  return [];
}

/** Acts of one bot message: its tool calls, then per sentence requests, confirmations, questions of permission. */
export function tagAssistant(message: Extract<ChatMessage, { role: 'assistant' }>, model: TaskModel): Act[] {
  const acts: Act[] = (message.tool_calls ?? []).map((call) => callAct(call.function.name, call.function.arguments, model.task));
  for (const sentence of sentences(message.content ?? '')) acts.push(...tagBotSentence(sentence, model));
  return acts;
}

function callAct(name: string, rawArgs: string, task: Task): Act {
  const consequential = task.actions.find((a) => a.name === name)?.consequential ?? false;
  let args: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(rawArgs || '{}');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) args = parsed as Record<string, unknown>;
  } catch {
    args = undefined;
  }
  return { act: 'CALL', action: name, consequential, ...(args ? { args } : {}) };
}

function tagBotSentence(sentence: string, model: TaskModel): Act[] {
  const acts: Act[] = [];
  const values = extractValues(sentence, model.lexicon, model.reference).filter((v) => v.anchored || CUES.confirm.test(sentence));
  const isQuestion = CUES.question.test(sentence);
  const confirming = values.length > 0 && (CUES.confirm.test(sentence) || (isQuestion && !/^\s*(what|which|when|where|who|how)\b/i.test(sentence)));
  if (confirming) for (const v of values) acts.push({ act: 'CONFIRM', slot: v.slot, value: v.value });
  else if (values.length > 0 && CUES.offer.test(sentence)) for (const v of values) acts.push({ act: 'OFFER', slot: v.slot, value: v.value });
  if (CUES.askGoAhead.test(sentence)) acts.push({ act: 'ASK_GO_AHEAD' });
  if (isQuestion && !confirming) {
    const valued = new Set(values.map((v) => v.slot));
    for (const phrase of findSlotPhrases(sentence, model.lexicon)) {
      if (!valued.has(phrase.slot) && !acts.some((a) => a.act === 'REQUEST' && a.slot === phrase.slot)) acts.push({ act: 'REQUEST', slot: phrase.slot });
    }
  }
  if (CUES.claimsDone.test(sentence) && !isQuestion) acts.push({ act: 'CLAIMS_DONE' });
  return acts;
}

/** Acts of one user message, read in the light of what the bot just asked. */
export function tagUser(text: string, model: TaskModel, botActs: readonly Act[]): Act[] {
  const acts: Act[] = [];
  const all = sentences(text);
  const first = all[0] ?? '';
  const values = extractValues(text, model.lexicon, model.reference);
  if (CUES.negate.test(first)) acts.push(...negations(text, model, values.map((v) => v.slot)));
  else if (CUES.affirm.test(first)) acts.push({ act: 'AFFIRM' });
  const hesitant = all.some((s) => CUES.notGoAhead.test(s));
  const affirmsPermission = acts.some((a) => a.act === 'AFFIRM') && botActs.some((a) => a.act === 'ASK_GO_AHEAD');
  if (!hesitant && (all.some((s) => CUES.goAhead.test(s)) || affirmsPermission)) acts.push({ act: 'GO_AHEAD' });
  for (const v of values) acts.push({ act: 'INFORM', slot: v.slot, value: v.value });
  if (values.length === 0) acts.push(...answerToRequest(text, model, botActs));
  return acts;
}

/** NEGATE about the slots the user names ("no, the time is wrong"), or a bare NEGATE. */
function negations(text: string, model: TaskModel, informed: string[]): Act[] {
  const named = [...new Set(findSlotPhrases(text, model.lexicon).map((p) => p.slot).filter((slot) => !informed.includes(slot)))];
  return named.length > 0 ? named.map((slot) => ({ act: 'NEGATE' as const, slot })) : [{ act: 'NEGATE' }];
}

/** A bare answer ("Ada", "7pm") to a bot that asked for exactly one slot. */
function answerToRequest(text: string, model: TaskModel, botActs: readonly Act[]): Act[] {
  const requested = botActs.filter((a) => a.act === 'REQUEST');
  if (requested.length !== 1) return [];
  const slot = requested[0]!.slot!;
  const cleaned = text.replace(/^(it'?s|it is|that'?s|under|for|my \w+ is|the \w+ is)\s+/i, '').replace(/[.!]+$/, '').trim();
  if (!cleaned || cleaned.split(/\s+/).length > 5 || CUES.affirm.test(cleaned) || CUES.negate.test(cleaned)) return [];
  return [{ act: 'INFORM', slot, value: cleaned }];
}
