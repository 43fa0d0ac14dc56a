import type { Act } from '../annotate/acts.js';
import { findSlot, type Action } from '../bot/task.js';
import { ConsentTracker } from './consent.js';
import type { Detector, DetectInput } from './detector.js';
import type { Finding } from './failure.js';
import { evidenceAt } from './quote.js';
import { ValueHistory } from './value-history.js';

/**
 * missing-action, two ways: (1) the bot claims it did an action (CLAIMS_DONE)
 * it has not called, at that message; (2) the user
 * gave every value and authorised, and the bot never acts, at the bot's reply
 * to the first go-ahead (not to the user's later, exasperated repeats). (2) reads user acts and the expected action, so it is
 * judged only when they are ground truth (simulation); in recorded
 * conversations a mis-tagged "yes" would be enough to accuse the bot. One
 * finding per conversation: a claim, when there is one, is what to look at.
 */
export const missingActionDetector: Detector = {
  id: 'missing-action',
  title: 'The bot does not perform the action the user asked for and authorised.',
  definition:
    'The bot says the action is done although it never called it, or the user gave every value the action needs and authorised it and the bot never calls it. ' +
    'The second form is judged only in simulation (the user\'s acts are known and the scenario expects the action). Not this class: a conversation in which the user never authorised, or a scenario that expects no action.',
  detect(input: DetectInput): Finding[] {
    const claims = claimsWithoutCall(input);
    if (claims.length > 0 || !input.userActsAreGroundTruth) return claims;
    const silent = neverActs(input);
    return silent ? [silent] : [];
  },
};

/**
 * The first claim of success with no call before it of the action it names
 * (of any consequential action, when its words name none): the bot says it
 * has done what it never did.
 */
function claimsWithoutCall(input: DetectInput): Finding[] {
  if (!input.task.actions.some((a) => a.consequential)) return [];
  const called = new Set<string>();
  // A claim in other words than the call just made ("you are now booked on…" after a change) describes that call.
  let justActed = false;
  for (const [i, acts] of input.acts.entries()) {
    const role = input.conversation.messages[i]?.role;
    if (role === 'user') justActed = false;
    for (const act of acts) {
      if (act.act !== 'CALL' || !act.consequential || !act.action) continue;
      called.add(act.action);
      justActed = true;
    }
    if (role !== 'assistant') continue;
    const claim = acts.find((a) => a.act === 'CLAIMS_DONE' && (a.action ? !called.has(a.action) && !justActed : called.size === 0));
    if (claim) return [finding(input, i, undefined, claim.action ? `says ${claim.action} is done, but the bot never called it` : 'says the action is done, but the bot never calls any action that does it')];
  }
  return [];
}

/** The bot's reply to the first go-ahead of a standing authorisation with every value given, when no call follows. */
function neverActs(input: DetectInput): Finding | undefined {
  const action = expectedAction(input);
  if (!action) return undefined;
  const values = new ValueHistory(input);
  const consent = new ConsentTracker();
  let lastBotActs: readonly Act[] = [];
  let authorisedAt: number | undefined;
  input.conversation.messages.forEach((message, i) => {
    const acts = input.acts[i] ?? [];
    if (message.role === 'user') {
      consent.applyUser(acts, i, values.applyUser(acts, i).length > 0, lastBotActs);
      const c = consent.consent;
      const authorised = c.authorisedAt ?? (input.expect?.goAhead === 'with-confirmation' ? c.confirmedAt : undefined);
      const standing = authorised !== undefined && action.required.every((s) => values.standing(s) || findSlot(input.task, s)?.default !== undefined);
      // The first go-ahead of an unbroken authorisation is where the bot should have acted; repeating it changes nothing.
      authorisedAt = standing ? (authorisedAt ?? authorised) : undefined;
    }
    if (acts.some((a) => a.act === 'CALL' && a.action === action.name)) {
      consent.spend();
      authorisedAt = undefined;
    }
    if (message.role === 'assistant' && message.content) lastBotActs = acts;
  });
  if (authorisedAt === undefined) return undefined;
  const reply = input.conversation.messages.findIndex((m, j) => j > authorisedAt! && m.role === 'assistant');
  if (reply < 0) return undefined;
  return finding(input, reply, authorisedAt, `does not call ${action.name}, though the user gave every value it needs and authorised it at message ${authorisedAt}`);
}

/** The scenario's expected action; without a scenario, the task's only consequential action. */
function expectedAction(input: DetectInput): Action | undefined {
  if (input.expect) {
    const name = input.expect.action?.name;
    return name ? input.task.actions.find((a) => a.name === name) : undefined;
  }
  const consequential = input.task.actions.filter((a) => a.consequential);
  return consequential.length === 1 ? consequential[0] : undefined;
}

function finding(input: DetectInput, index: number, related: number | undefined, reason: string): Finding {
  return {
    class: 'missing-action',
    messageIndex: index,
    evidence: evidenceAt(input.conversation.messages, index, reason, related),
  };
}
