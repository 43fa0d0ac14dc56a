import { evidenceAt } from './quote.js';
import type { Detector, DetectInput } from './detector.js';
import type { Finding } from './failure.js';
import { SlotState, isFailedToolResult } from './slot-state.js';
import { findSlot, humanize, type SlotValue } from '../bot/task.js';
import { namedByAttribute } from './named-by-attribute.js';
import { toolObjectsOf, type ToolObjects } from './tool-objects.js';
import type { Act } from '../annotate/acts.js';

/**
 * re-ask: the bot asks for a slot the user already gave and has not since
 * withdrawn or changed. Asking again after the user rejected a confirmation,
 * after the action failed or completed, for another value, or to narrow a
 * vague one, is legitimate.
 */
export const reAskDetector: Detector = {
  id: 're-ask',
  title: 'The bot asks again for a value the user already gave and has not changed.',
  definition:
    'A bot message requests a slot (asks for its value) although the user already gave a value for it in this conversation (written out, or by an attribute only one object the bot looked up has, such as the last digits of one card on file) and has neither rejected nor changed it since. ' +
    'Not a re-ask: asking after the user rejected the confirmed value ("no, the time is wrong"), after the user changed it, or after the action failed and the value must be chosen again.',
  detect(input: DetectInput): Finding[] {
    if (input.expect && !input.expect.noReAsk) return [];
    const state = new SlotState(input);
    const findings: Finding[] = [];
    let lastBotActs: DetectInput['acts'][number] = [];
    // Where each slot last became an open question again (a failed or completed action).
    const openedAt = new Map<string, number>();
    let completedAt = -1;
    let read: ToolObjects | undefined;
    const objects = () => (read ??= toolObjectsOf(input.conversation));
    input.conversation.messages.forEach((message, i) => {
      const acts = input.acts[i] ?? [];
      if (message.role === 'user') state.applyUser(acts, i, lastBotActs);
      if (message.role === 'tool') {
        const closed = closeAction(input, message.tool_call_id, isFailedToolResult(message.content), i, state);
        for (const slot of closed.slots) openedAt.set(slot, i);
        // After an action went through, a card named for it has served its request, whatever the slot is called.
        if (closed.done) completedAt = i;
      }
      if (message.role !== 'assistant') return;
      for (const act of acts) {
        if (act.act !== 'REQUEST' || !act.slot || findings.some((f) => f.messageIndex === i && f.slot === act.slot)) continue;
        const given = state.standing(act.slot);
        if (given && asksAgain(act, given.value, state)) {
          findings.push({ class: 're-ask', messageIndex: i, slot: act.slot, evidence: evidenceAt(input.conversation.messages, i, `asks for ${humanize(act.slot)} again, though the user gave "${String(given.value)}" at message ${given.messageIndex} and has not changed it`, given.messageIndex) });
          continue;
        }
        const slot = given ? undefined : findSlot(input.task, act.slot);
        const named = slot && !act.another && !act.narrows ? namedByAttribute(input.conversation, slot, objects, Math.max(openedAt.get(act.slot) ?? -1, completedAt), i) : undefined;
        if (!named) continue;
        const reason = `asks for ${humanize(act.slot)} again, though the user named it at message ${named.messageIndex} by "${named.said}", which only ${named.value} of the objects looked up has`;
        findings.push({ class: 're-ask', messageIndex: i, slot: act.slot, evidence: evidenceAt(input.conversation.messages, i, reason, named.messageIndex) });
      }
      if (message.content) lastBotActs = acts;
    });
    return findings;
  },
};

/**
 * Whether a request asks again for the standing value, rather than for
 * another one ("another card"), to narrow it ("which Paris station?"),
 * to choose among alternatives that leave it out ("Nord or Lyon?"), or to
 * settle a value that does not yet determine the slot ("Helsinki" for a
 * three-letter harbour code).
 */
function asksAgain(act: Act, value: SlotValue, state: SlotState): boolean {
  if (act.another || act.narrows) return false;
  if (act.options && !act.options.some((o) => state.same(act.slot!, o, value))) return false;
  return state.determines(act.slot!, value);
}

/** A failed call makes its slots open questions again; so does a completed consequential one: its values served their request (rule 11). Returns the slots reopened, and whether a consequential action went through. */
function closeAction(input: DetectInput, callId: string, failed: boolean, toolIndex: number, state: SlotState): { slots: string[]; done: boolean } {
  for (let i = toolIndex - 1; i >= 0; i -= 1) {
    const message = input.conversation.messages[i];
    const call = message?.role === 'assistant' ? message.tool_calls?.find((c) => c.id === callId) : undefined;
    if (!call) continue;
    const consequential = input.task.actions.find((a) => a.name === call.function.name)?.consequential ?? false;
    return { slots: failed || consequential ? state.withdrawAction(call.function.name) : [], done: consequential && !failed };
  }
  return { slots: [], done: false };
}
