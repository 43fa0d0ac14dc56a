import { humanize, type SlotValue } from '../bot/task.js';
import { seededRandom } from '../core/random.js';

/**
 * How the rule-based user words each act. Every act has several phrasings, so
 * trials differ the way users do and a bot that understands one wording only
 * shows it. Each keeps what the act needs to be read: a value is always said
 * as "the <slot> is <value>" (or "should be", for a change) followed by
 * punctuation, a yes (and a go-ahead) starts with "Yes" (bots as simple as the
 * README's module example look for it), a go-ahead says "go ahead", a refusal
 * starts with "no" and nothing else says no. The first phrasing of each list
 * is the plain one, used when no seed is given.
 */
const PHRASINGS = {
  opening: ["Hi, I'd like to {intent}.", 'Hello! I want to {intent}.', 'Good evening. Could you help me {intent}?', 'Hey there, I need to {intent}.'],
  informs: ['{List}.', 'Okay, {list}.', 'Let me see: {list}.', '{List}, please.', 'Of course. {List}.'],
  correctionNo: ['No, {fact}.', 'No, sorry, {fact}.', "No, that's not right: {fact}."],
  correctionActually: ['Actually, {fact}.', 'Sorry, I changed my mind: {fact}.', 'On second thought, {fact}.'],
  affirm: ["Yes, that's right.", "Yes, that's correct.", 'Yes, all correct.', 'Yes, exactly.', 'Yes, that is all right.'],
  goAhead: ['Yes, please go ahead.', 'Yes, go ahead.', 'Yes, go ahead with it.', 'Yes please, go ahead.'],
  affirmAndGoAhead: ["Yes, that's right. Please go ahead.", 'Yes, all correct, go ahead.', "Yes, that's correct. Go ahead, please.", 'Yes, exactly. Please go ahead.'],
  decline: ["No, please don't do that yet.", 'No, not yet, thanks.', "No, I'd rather wait."],
  noPreference: ["I don't have a preference for the {slot}.", "I don't mind about the {slot}.", "I don't care about the {slot}, any is fine."],
  idle: ['Is there anything else you need from me?', 'Do you need anything else from me?', 'What else do you need?'],
} as const;

export type PhrasingAct = keyof typeof PHRASINGS;

/** The wording of one simulated user: each act's phrasing picked by a seeded generator, so a seed replays exactly. */
export interface Phrasing {
  informs(pairs: ReadonlyArray<readonly [string, SlotValue]>): string;
  correction(slot: string, value: SlotValue, leadIn: 'Actually' | 'No'): string;
  opening(intent: string): string;
  affirm(): string;
  goAhead(): string;
  affirmAndGoAhead(): string;
  decline(): string;
  noPreference(slot: string): string;
  idle(): string;
}

/** Phrasings picked by `seed`; the plain one of each act when there is no seed. */
export function createPhrasing(seed?: number): Phrasing {
  const next = seed === undefined ? () => 0 : seededRandom(seed);
  const pick = (act: PhrasingAct) => {
    const options = PHRASINGS[act];
    return options[Math.floor(next() * options.length)]!;
  };
  const list = (pairs: ReadonlyArray<readonly [string, SlotValue]>) => joinList(pairs.map(([slot, value]) => `the ${humanize(slot)} is ${String(value)}`));
  return {
    informs: (pairs) => fill(pick('informs'), { list: list(pairs), List: capitalize(list(pairs)) }),
    correction: (slot, value, leadIn) => fill(pick(leadIn === 'No' ? 'correctionNo' : 'correctionActually'), { fact: `the ${humanize(slot)} should be ${String(value)}` }),
    opening: (intent) => fill(pick('opening'), { intent: lowerFirst(intent.replace(/[.!]+$/, '')) }),
    affirm: () => pick('affirm'),
    goAhead: () => pick('goAhead'),
    affirmAndGoAhead: () => pick('affirmAndGoAhead'),
    decline: () => pick('decline'),
    noPreference: (slot) => fill(pick('noPreference'), { slot: humanize(slot) }),
    idle: () => pick('idle'),
  };
}

/** Every phrasing of an act, for tests that check the bots understand each. */
export function phrasingsOf(act: PhrasingAct): readonly string[] {
  return PHRASINGS[act];
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
}

function joinList(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
