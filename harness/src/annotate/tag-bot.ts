import type { Task } from '../bot/task.js';
import type { AssistantMessage } from '../transcript/schema.js';
import type { Act } from './acts.js';
import { claimIn } from './claims.js';
import { CUES } from './cues.js';
import { extractValues } from './extract-values.js';
import { choiceSlots, namedOptions } from './mentions.js';
import { asksForInformation, describesRecord, leavesChoice, presentsPlan } from './presentation.js';
import { askedSlots, lowerFirst, type AskedSlot } from './request-slots.js';
import { sentences } from './text.js';
import type { TaskModel } from './task-model.js';

/** A bot message's acts, and for each REQUEST the other slots the question could have meant. */
export interface BotTagging {
  acts: Act[];
  asked: AskedSlot[];
}

/** Acts of one bot message: its tool calls, then per sentence confirmations, offers, questions of permission, requests, claims of success. */
export function tagBotMessage(message: AssistantMessage, model: TaskModel): BotTagging {
  const acts: Act[] = (message.tool_calls ?? []).map((call) => callAct(call.function.name, call.function.arguments, model.task));
  const asked: AskedSlot[] = [];
  const all = sentences(message.content ?? '');
  // Read once per sentence: the message's context and the sentence's own tagging both need it.
  const confirmRequests = all.map((s) => CUES.confirmRequest.test(s));
  const context: MessageContext = {
    recapping: all.some((s, i) => confirmRequests[i] || CUES.recap.test(s) || model.actionVerbs.test(s)),
    failed: all.some((s) => CUES.failure.test(s)),
    offering: all.some((s) => CUES.offer.test(s)),
  };
  for (const [i, sentence] of all.entries()) {
    const tagged = tagBotSentence(sentence, confirmRequests[i]!, model, context);
    acts.push(...tagged.acts);
    asked.push(...tagged.asked.filter((a) => !asked.some((b) => b.slot === a.slot)));
  }
  if (message.content && proposes(message.content, acts, model)) acts.push({ act: 'PROPOSE' });
  // A bare CONFIRM ("Is that correct?") adds nothing to a message that confirms values.
  const valued = acts.some((a) => a.act === 'CONFIRM' && a.slot);
  return { acts: valued ? acts.filter((a) => a.act !== 'CONFIRM' || a.slot) : acts, asked };
}

/**
 * A plan presented for a yes (presentation.ts), or a recap of values that
 * asks for nothing else: "So, a table for 2 on the terrace, right?", "Okay, at
 * 3 pm the day after tomorrow.". A statement of what the user already has
 * ("You have $1,240 in your current account.") describes a record instead; a
 * restatement on the way to a question ("…, please specify the city"), to a
 * request for information ("… Could you give me your email?") or to a choice
 * ("Would you like to change any of it?") presents nothing.
 */
function proposes(text: string, acts: readonly Act[], model: TaskModel): boolean {
  const recaps = acts.some((a) => a.act === 'CONFIRM');
  if (recaps && !acts.some((a) => a.act === 'REQUEST') && !asksForInformation(text) && !leavesChoice(text) && !describesRecord(text)) return true;
  return presentsPlan(text, model.task, recaps);
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

/** What the other sentences of a bot message say about each one. */
interface MessageContext {
  /** "Let's confirm the details. You are visiting X next Monday.": a cue in one sentence makes the recap in the next a confirmation. */
  recapping: boolean;
  /** "Sorry, that time is taken. What about 5:30 pm?" proposes the action again; "What about the Civic?" only lists a result. */
  failed: boolean;
  /** The message lists results ("I found 3 trains…"): its values are offers, not a recap. */
  offering: boolean;
}

/**
 * A sentence that recaps values for a yes (a confirmation cue, a yes/no
 * question carrying values, a statement restating what the bot will do) is
 * CONFIRM; other values stated are OFFER; any other question asks for the
 * slots it names. `confirmRequest`: the sentence has a confirmation cue strong
 * enough without values (CUES.confirmRequest, read once by the message).
 */
function tagBotSentence(sentence: string, confirmRequest: boolean, model: TaskModel, { recapping, failed, offering }: MessageContext): BotTagging {
  const acts: Act[] = [];
  const choices = choiceSlots(sentence, model.lexicon);
  const values = extractValues(sentence, model).filter((v) => !choices.has(v.slot));
  const question = CUES.question.test(sentence);
  const whQuestion = CUES.whQuestion.test(lowerFirst(sentence));
  const proposal = CUES.proposal.test(sentence) && values.length > 0 && failed;
  const recap = confirmRequest || (values.length > 0 && (recapping || CUES.confirm.test(sentence) || question));
  // "Could you confirm your user ID?" with no value asks the user to state it again; a recap of values confirms them.
  const restating = values.length === 0 && RESTATE.test(sentence) ? askedSlots(sentence, model.lexicon) : [];
  const asksGoAhead = CUES.askGoAhead.test(sentence);
  const confirming = restating.length === 0 && (proposal || (!whQuestion && recap) || (values.length > 0 && asksGoAhead));
  if (confirming) acts.push(...(values.length > 0 ? values.map((v) => ({ act: 'CONFIRM' as const, slot: v.slot, value: v.value })) : [{ act: 'CONFIRM' as const }]));
  else if (values.length > 0 && !question) {
    const act = restates(sentence, values, model, offering) ? ('CONFIRM' as const) : ('OFFER' as const);
    acts.push(...values.map((v) => ({ act, slot: v.slot, value: v.value })));
  }
  // "How many days should I make it for?" asks for a value, not for permission.
  if (asksGoAhead && !whQuestion) acts.push({ act: 'ASK_GO_AHEAD' });
  let asked: AskedSlot[] = [];
  if ((question || restating.length > 0) && !confirming) {
    const valued = new Set(values.map((v) => v.slot));
    // A restating sentence was read for what it asks already.
    asked = (restating.length > 0 ? restating : askedSlots(sentence, model.lexicon)).filter((a) => !valued.has(a.slot));
    const named = asked.length > 0 ? namedOptions(sentence) : [];
    acts.push(...asked.map((a) => requestAct(a, choices.get(a.slot) ?? named)));
  }
  const claim = claimIn(sentence, model.claims);
  if (claim) acts.push({ act: 'CLAIMS_DONE', ...(claim.action ? { action: claim.action } : {}) });
  return { acts, asked };
}

const RESTATE = /\bconfirm (?:your|the user'?s) /i;

function requestAct(asked: AskedSlot, options: readonly string[]): Act {
  return { act: 'REQUEST', slot: asked.slot, ...(options.length >= 2 ? { options: [...options] } : {}), ...(asked.another ? { another: true } : {}) };
}

/**
 * A statement with values restates what the bot is about to do ("Ok, then
 * you need 2 tickets on March 9th.") unless it lists search results: a
 * recap cue, or values for two slots of one consequential action, with no
 * sign of a result list in the message.
 */
function restates(sentence: string, values: readonly { slot: string }[], model: TaskModel, offering: boolean): boolean {
  if (offering) return false;
  if (CUES.recap.test(sentence) || model.actionVerbs.test(sentence)) return true;
  const slots = new Set(values.map((v) => v.slot));
  return model.task.actions.some((a) => a.consequential && [...a.required, ...a.optional].filter((s) => slots.has(s)).length >= 2);
}
