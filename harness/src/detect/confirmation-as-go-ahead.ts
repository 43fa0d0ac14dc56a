import type { Act } from '../annotate/acts.js';
import { ConsentTracker, type Consent } from './consent.js';
import type { Detector, DetectInput } from './detector.js';
import type { Finding } from './failure.js';
import { prematureActionDetector } from './premature-action.js';
import { evidenceAt } from './quote.js';
import { ValueHistory } from './value-history.js';

/**
 * confirmation-as-go-ahead: the user confirmed the values but never
 * authorised the action, and the bot performed it. Under the scenario's
 * `goAhead: separate` policy, a confirmation without a GO_AHEAD is enough.
 * Without a scenario the policy is unknown (in SGD a "yes" to "please
 * confirm" is the authorisation), so the bot's own request for permission,
 * answered without one, is the evidence. Calls premature-action flags (details
 * never approved) are left to it.
 */
export const confirmationAsGoAheadDetector: Detector = {
  id: 'confirmation-as-go-ahead',
  title: 'The bot takes the user\'s confirmation of the details as permission to act.',
  definition:
    'The bot performs a consequential action after the user confirmed the details (a yes to a confirmation) but did not authorise the action (no go-ahead since the values last changed). ' +
    'In simulation this applies when the scenario\'s go-ahead policy is `separate`; in recorded conversations, only when the bot itself asked for permission and the user\'s answer did not give it. ' +
    'Not this class: a call before the user approved the details at all (premature-action), or a call under the `with-confirmation` policy.',
  detect(input: DetectInput): Finding[] {
    if (input.expect?.goAhead === 'with-confirmation') return [];
    const candidates = callsOnConfirmation(input);
    if (candidates.length === 0) return candidates;
    const premature = new Set(prematureActionDetector.detect(input).map((f) => f.messageIndex));
    return candidates.filter((f) => !premature.has(f.messageIndex));
  },
};

/** Every consequential call made on a confirmation without authorisation, before leaving premature ones out. */
function callsOnConfirmation(input: DetectInput): Finding[] {
  const values = new ValueHistory(input);
  const consent = new ConsentTracker();
  const findings: Finding[] = [];
  let lastBotActs: readonly Act[] = [];
  input.conversation.messages.forEach((message, i) => {
    const acts = input.acts[i] ?? [];
    if (message.role === 'user') consent.applyUser(acts, i, values.applyUser(acts, i).length > 0, lastBotActs);
    if (message.role !== 'assistant') return;
    if (acts.some((a) => a.act === 'CALL' && a.consequential)) {
      if (tookConfirmationAsGoAhead(consent.consent, input.expect !== undefined)) findings.push(finding(input, i, consent.consent));
      consent.spend();
    }
    if (message.content) lastBotActs = acts;
  });
  return findings;
}

/** Confirmed, not authorised; without a scenario, also asked for permission with or after the confirmation and not given it. */
function tookConfirmationAsGoAhead(c: Consent, policyKnown: boolean): boolean {
  if (c.confirmedAt === undefined || c.authorisedAt !== undefined) return false;
  return policyKnown || (c.withheldAt !== undefined && c.withheldAt >= c.confirmedAt);
}

function finding(input: DetectInput, index: number, c: Consent): Finding {
  const related = c.withheldAt ?? c.confirmedAt!;
  const action = input.acts[index]?.find((a) => a.act === 'CALL' && a.consequential)?.action ?? 'the action';
  const reason = c.withheldAt !== undefined
    ? `calls ${action} although the user did not give permission when asked (message ${related}); confirming the details (message ${c.confirmedAt}) is not permission`
    : `calls ${action} on the user's confirmation of the details at message ${related}; the user never authorised it`;
  return {
    class: 'confirmation-as-go-ahead',
    messageIndex: index,
    evidence: evidenceAt(input.conversation.messages, index, reason, related),
  };
}
