import type { Act } from './acts.js';
import { CUES } from './cues.js';
import { instructsAction } from './presentation.js';
import { sentences, straightApostrophes } from './text.js';
import type { Task } from '../bot/task.js';

/** What a user message says to the bot's last message: yes to it, permission to act, or no. */
export interface Approval {
  affirm: boolean;
  goAhead: boolean;
  /** A no that answers the bot (first thing said), not one that answers another question before a yes. */
  negate: boolean;
}

/** Bot acts that put something before the user for a yes. */
const PRESENTING = new Set<Act['act']>(['PROPOSE', 'CONFIRM', 'ASK_GO_AHEAD']);

/**
 * Reads a user message's answer to the bot. A yes counts anywhere in the
 * reply once the bot presented something: after a preamble ("That's a lower
 * fee than I feared! Yes, let's go ahead."), after a choice ("the second one, yes"), in
 * another language ("oui"), or as the user's own instruction naming the
 * presented action ("Please cancel both."). A no or a "wait" that comes first
 * and is followed by a yes answered something else; a hold after the yes
 * ("yes, but before you book, what is the total?") withdraws the permission, not the yes to the details.
 */
export function readApproval(text: string, botActs: readonly Act[], task: Task): Approval {
  const all = sentences(straightApostrophes(text));
  const first = all[0] ?? '';
  const presented = botActs.some((a) => PRESENTING.has(a.act));
  const firstNegates = CUES.negate.test(first);
  // "Thanks" accepts a request to confirm ("So to confirm: …" – "Thanks, what is the address?"); after anything else it is politeness.
  const thanksAccepts = botActs.some((a) => a.act === 'CONFIRM') && botActs.some((a) => a.act === 'PROPOSE') && !botActs.some((a) => a.act === 'REQUEST');
  let affirm = !firstNegates && (CUES.affirm.test(first) || (presented && CUES.agree.test(first) && (thanksAccepts || !THANKS_ONLY.test(first))));
  let goAhead = false;
  let held = false;
  for (const sentence of all) {
    if (HOLD.test(sentence)) {
      held ||= affirm || goAhead;
      continue;
    }
    if (presented && YES_ANYWHERE.test(sentence)) [affirm, held] = [true, false];
    const instruction = (CUES.goAhead.test(sentence) || (presented && instructsAction(sentence, task))) && !CUES.notGoAhead.test(sentence);
    if (instruction) [goAhead, held, affirm] = [true, false, affirm || presented];
  }
  // A hold keeps the yes to the details ("Yes, that's correct. Let me check with my partner before you book it.") but not the permission.
  if (held) goAhead = false;
  else if (affirm && botActs.some((a) => a.act === 'ASK_GO_AHEAD')) goAhead = true;
  return { affirm, goAhead, negate: firstNegates && !affirm && !goAhead };
}

/**
 * Whether a reply says yes in words ("yes", "oui", "I confirm", "go ahead")
 * rather than by mere agreement ("that works", "I want it"): what such a
 * reply adds is part of the yes, not a correction of what it answers.
 */
export function saysYesExplicitly(text: string): boolean {
  return sentences(straightApostrophes(text)).some((s) => CUES.affirm.test(s) || YES_ANYWHERE.test(s) || CUES.goAhead.test(s));
}

/** "Thanks" is not a yes ("Thanks, what is the address?"), unless the same sentence agrees ("Thanks, that works"). */
const THANKS_ONLY = /^\s*(?:thanks|thank you)\b(?![^.!?]*\b(?:yes|correct|right|good|great|perfect|fine|works?)\b)/i;

/** A yes inside a later sentence or clause: "So $719 total. Yes, let's go ahead", "the second one, yes", "Oui". */
const YES_ANYWHERE =
  /(?:^|[,;:—–-]\s*|\b(?:and|so|then|ok(?:ay)?|but)\s+)(?:yes|yeah|yep|yup|oui|sí|ja|i confirm|confirmed|approved|that(?:'s| is) (?:correct|right))\b(?!\s*(?:or|\/)\s*no\b)/i;

/** "Wait", "not yet", "before you do, what is the total?": the user holds the action back (a later yes lifts it). */
const HOLD =
  /\b(?:wait|hold (?:on|off)|not yet|let me think|before (?:that|we|you|i|doing|proceeding|going ahead)\b|(?:don'?t|do not) (?:go ahead|proceed|book|do (?:it|that|anything)|make|process|change|cancel|submit)|no need to (?:go ahead|proceed)|first,? (?:can|could|please|tell|let))\b/i;
