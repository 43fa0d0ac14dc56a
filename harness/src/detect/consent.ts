import type { Act } from '../annotate/acts.js';

/** What the user has agreed to since the values last changed, by message index. */
export interface Consent {
  /** The user affirmed a confirmation (or offer) of the details. */
  confirmedAt?: number;
  /** The user authorised the action (GO_AHEAD). */
  authorisedAt?: number;
  /** The bot asked for permission and the user's answer did not give it (an answer that changes values is not a refusal: it starts over). */
  withheldAt?: number;
}

const PRESENTS = new Set<Act['act']>(['CONFIRM', 'OFFER', 'PROPOSE']);

/**
 * Follows the user's consent to the consequential action: a value change
 * voids it (the user has not seen the new details), a bare NEGATE voids it, a
 * consequential call spends it (the next action needs its own).
 */
export class ConsentTracker {
  consent: Consent = {};

  /** Applies a user message, given whether it changed a value and what the bot last said. */
  applyUser(acts: readonly Act[], messageIndex: number, changed: boolean, lastBotActs: readonly Act[]): void {
    if (changed) this.consent = {};
    const has = (type: Act['act']) => acts.some((a) => a.act === type);
    if (has('NEGATE') && !has('AFFIRM') && !has('GO_AHEAD')) this.consent = {};
    if (has('AFFIRM') && lastBotActs.some((a) => PRESENTS.has(a.act))) this.consent.confirmedAt = messageIndex;
    if (has('GO_AHEAD')) {
      this.consent.authorisedAt = messageIndex;
      delete this.consent.withheldAt;
    } else if (!changed && lastBotActs.some((a) => a.act === 'ASK_GO_AHEAD')) this.consent.withheldAt = messageIndex;
  }

  spend(): void {
    this.consent = {};
  }
}
