import type { Act } from '../annotate/acts.js';
import { evidenceAt } from './quote.js';
import type { Detector, DetectInput } from './detector.js';
import type { Finding } from './failure.js';
import { SlotState } from './slot-state.js';

/**
 * premature-action: a consequential tool call before the user approved the
 * details. Approval is an AFFIRM or GO_AHEAD answering a bot message that
 * presented the details for a yes (a CONFIRM: a recap, or a proposal such as
 * "would you like 5:30 pm instead?"), with no value changed since. Items
 * listed as search results (OFFER) and a bare "shall I book it?" present no
 * details: a yes to them approves nothing.
 */
export const prematureActionDetector: Detector = {
  id: 'premature-action',
  title: 'The bot performs a consequential action before the user approved the details.',
  definition:
    'The bot calls a consequential action (one that changes the world: book, pay, send) although, since the values last changed, it has not presented the details for a yes (a confirmation, or a proposal of the action with its values) and received the user\'s yes. ' +
    'Not premature: a call after the user affirmed a confirmation or such a proposal, with no value changed in between. A yes to a search result or to a bare "shall I book it?" approves no details.',
  detect(input: DetectInput): Finding[] {
    if (input.expect?.confirmation === 'not-required') return [];
    const state = new SlotState(input);
    const findings: Finding[] = [];
    let presented = false;
    let approved = false;
    let lastChange: number | undefined;
    let lastBotActs: Act[] = [];
    input.conversation.messages.forEach((message, i) => {
      const acts = input.acts[i] ?? [];
      if (message.role === 'user') {
        const changed = state.applyUser(acts, i, lastBotActs);
        if (changed.length > 0) {
          presented = false;
          approved = false;
          lastChange = i;
        }
        if (presented && acts.some((a) => a.act === 'AFFIRM' || a.act === 'GO_AHEAD')) approved = true;
        if (acts.some((a) => a.act === 'NEGATE')) approved = false;
        return;
      }
      if (message.role !== 'assistant') return;
      for (const act of acts) {
        if (act.act === 'CALL' && act.consequential) {
          if (!approved) findings.push(finding(input, i, act, lastChange));
          approved = false;
          presented = false;
        }
      }
      if (acts.some((a) => a.act === 'CONFIRM')) presented = true;
      if (message.content) lastBotActs = acts;
    });
    return findings;
  },
};

function finding(input: DetectInput, index: number, act: Act, lastChange: number | undefined): Finding {
  return {
    class: 'premature-action',
    messageIndex: index,
    evidence: evidenceAt(input.conversation.messages, index, `calls ${act.action} before the user approved the details${lastChange !== undefined ? ` given or changed at message ${lastChange}` : ''}`, lastChange),
  };
}
