import { evidenceAt } from './quote.js';
import type { Detector, DetectInput } from './detector.js';
import type { Finding } from './failure.js';
import { SlotState, isFailedToolResult } from './slot-state.js';
import { humanize, type SlotValue } from '../bot/task.js';
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
    'A bot message requests a slot (asks for its value) although the user already gave a value for it in this conversation and has neither rejected nor changed it since. ' +
    'Not a re-ask: asking after the user rejected the confirmed value ("no, the time is wrong"), after the user changed it, or after the action failed and the value must be chosen again.',
  detect(input: DetectInput): Finding[] {
    if (input.expect && !input.expect.noReAsk) return [];
    const state = new SlotState(input);
    const findings: Finding[] = [];
    let lastBotActs: DetectInput['acts'][number] = [];
    input.conversation.messages.forEach((message, i) => {
      const acts = input.acts[i] ?? [];
      if (message.role === 'user') state.applyUser(acts, i, lastBotActs);
      if (message.role === 'tool') closeAction(input, message.tool_call_id, isFailedToolResult(message.content), i, state);
      if (message.role !== 'assistant') return;
      for (const act of acts) {
        if (act.act !== 'REQUEST' || !act.slot) continue;
        const given = state.standing(act.slot);
        if (!given || !asksAgain(act, given.value, state) || findings.some((f) => f.messageIndex === i && f.slot === act.slot)) continue;
        findings.push({
          class: 're-ask',
          messageIndex: i,
          slot: act.slot,
          evidence: evidenceAt(input.conversation.messages, i, `asks for ${humanize(act.slot)} again, though the user gave "${String(given.value)}" at message ${given.messageIndex} and has not changed it`, given.messageIndex),
        });
      }
      if (message.content) lastBotActs = acts;
    });
    return findings;
  },
};

/**
 * Whether a request asks again for the standing value, rather than for
 * another one ("another card"), to narrow it ("which New York airport?"),
 * to choose among alternatives that leave it out ("JFK or LGA?"), or to
 * settle a value that does not yet determine the slot ("New York" for a
 * three-letter code).
 */
function asksAgain(act: Act, value: SlotValue, state: SlotState): boolean {
  if (act.another || act.narrows) return false;
  if (act.options && !act.options.some((o) => state.same(act.slot!, o, value))) return false;
  return state.determines(act.slot!, value);
}

/** A failed call makes its slots open questions again; so does a completed consequential one: its values served their request (rule 11). */
function closeAction(input: DetectInput, callId: string, failed: boolean, toolIndex: number, state: SlotState): void {
  for (let i = toolIndex - 1; i >= 0; i -= 1) {
    const message = input.conversation.messages[i];
    const call = message?.role === 'assistant' ? message.tool_calls?.find((c) => c.id === callId) : undefined;
    if (!call) continue;
    const consequential = input.task.actions.find((a) => a.name === call.function.name)?.consequential ?? false;
    if (failed || consequential) state.withdrawAction(call.function.name);
    return;
  }
}
