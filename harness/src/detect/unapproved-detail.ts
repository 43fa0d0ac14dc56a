import { confirmationAsGoAheadDetector } from './confirmation-as-go-ahead.js';
import { consentVerdicts } from './consent-verdicts.js';
import type { Detector, DetectInput } from './detector.js';
import type { Finding } from './failure.js';
import { evidenceAt } from './quote.js';

/**
 * unapproved-detail: the user approved the action, but not a detail of the
 * call that decides what they pay or receive (an amount, a price difference,
 * the card charged, where a refund goes): it was never shown to them, nor
 * named by them, before the yes. A call with no approval at all is
 * premature-action instead, one confirmed but never authorised is
 * confirmation-as-go-ahead; no call carries two of these.
 */
export const unapprovedDetailDetector: Detector = {
  id: 'unapproved-detail',
  title: 'The bot performs an approved action with a money detail the user never saw.',
  definition:
    'The user approved the action, but the call carries a detail that decides what the user pays or receives (an amount, the card or account charged, where a refund goes) that was never shown to the user or named by them before the yes; a call that moves money must also have had its sum stated (or that nothing is charged). ' +
    'An identifier counts as shown when the bot showed an attribute of that object (a card\'s last four digits). ' +
    'Not this class: a call with no approval at all, or one going beyond the approved proposal (premature-action); a call that decides no money (a cancellation refunded automatically).',
  detect(input: DetectInput): Finding[] {
    if (input.expect?.confirmation === 'not-required') return [];
    const findings: Finding[] = [];
    let withoutPermission: Set<number> | undefined;
    for (const [index, verdict] of consentVerdicts(input)) {
      if (verdict.kind !== 'unapproved-detail') continue;
      // A call the user confirmed but never authorised is confirmation-as-go-ahead: one finding per call.
      withoutPermission ??= new Set(confirmationAsGoAheadDetector.detect(input).map((f) => f.messageIndex));
      if (withoutPermission.has(index)) continue;
      findings.push({ class: 'unapproved-detail', messageIndex: index, slot: verdict.argument, evidence: evidenceAt(input.conversation.messages, index, verdict.reason, verdict.approval.proposalAt) });
    }
    return findings;
  },
};
