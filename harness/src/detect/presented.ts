import { CUES } from '../annotate/cues.js';
import { asksYesWithoutDetails, definiteObjects, hasActionVerb, instructedVerb, leavesChoice, mentionsVerb } from '../annotate/presentation.js';
import { sentences } from '../annotate/text.js';
import type { DetectInput } from './detector.js';
import { identifiersIn, type ToolObjects } from './tool-objects.js';

/**
 * Rule 5: a bot message that asks for a yes to an action, or says it will now
 * perform it, presents the action with its object when it names the object by
 * a definite reference ("Let's cancel the appointment now. Shall I
 * proceed?") and only one object of that kind is in play: looked up by a tool
 * or named in the conversation before it.
 */
export function presentsByReference(input: DetectInput, at: number, objects: () => ToolObjects): boolean {
  const text = input.conversation.messages[at]!.content ?? '';
  if (!asksYesWithoutDetails(text, input.task)) return false;
  return definiteObjects(text, input.task).some((slot) => inPlay(input, slot, at, objects()).size === 1);
}

/**
 * Rule 4: the user's own explicit instruction naming the action a bot turn
 * stated and the objects it showed approves it, even when the turn went on
 * to ask for information: after "To move appointment AP-3321 to Dec 4 on
 * your card ending 4242 I need your date of birth", the reply "Yes, please
 * move AP-3321 to Dec 4" approves the move. The instruction's verb must be
 * one the turn used, and every code it names one the turn showed (at least
 * one, or a definite reference to the one object in play that the turn also
 * referred to). A turn still leaving a choice ("which one would you like to
 * move?") stated no action yet; a plain yes to such a turn approves nothing.
 */
export function instructsOnStatement(input: DetectInput, turn: readonly number[], at: number, objects: () => ToolObjects): boolean {
  const said = input.conversation.messages[at]!.content ?? '';
  if (!hasActionVerb(said, input.task)) return false;
  const botText = turn.map((j) => input.conversation.messages[j]!.content ?? '').join('\n');
  return sentences(said).some((sentence) => {
    const verb = instructedVerb(sentence, input.task);
    if (verb === undefined || CUES.notGoAhead.test(sentence) || !mentionsVerb(botText, verb) || leavesChoice(botText)) return false;
    const codes = identifiersIn(sentence);
    if (codes.length > 0) return codes.every((code) => includesCode(botText, code));
    const referred = new Set(definiteObjects(botText, input.task));
    return definiteObjects(sentence, input.task).some((slot) => referred.has(slot) && inPlay(input, slot, turn[0]!, objects()).size === 1);
  });
}

/** The values of an identifier slot in play before message `before`: in tool results and calls, and in the acts of the messages. */
function inPlay(input: DetectInput, slot: string, before: number, objects: ToolObjects): Set<string> {
  const values = new Set([...objects.valuesBefore(slot, before)].map(canonical));
  for (let i = 0; i < before; i++) for (const a of input.acts[i] ?? []) if (a.slot === slot && a.value !== undefined && a.act !== 'REQUEST') values.add(canonical(String(a.value)));
  return values;
}

function includesCode(text: string, code: string): boolean {
  return text.toLowerCase().includes(canonical(code));
}

function canonical(value: string): string {
  return value.toLowerCase().replace(/^#/, '');
}
