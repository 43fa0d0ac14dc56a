import { humanize, type SlotValue } from '../bot/task.js';

/** How the rule-based user words things: plain, unambiguous sentences. */
export const say = {
  informs(pairs: ReadonlyArray<readonly [string, SlotValue]>): string {
    const parts = pairs.map(([slot, value]) => `the ${humanize(slot)} is ${String(value)}`);
    return capitalize(joinList(parts)) + '.';
  },
  correction(slot: string, value: SlotValue, leadIn: 'Actually' | 'No'): string {
    return `${leadIn}, the ${humanize(slot)} should be ${String(value)}.`;
  },
  opening(intent: string): string {
    return `Hi, I'd like to ${lowerFirst(intent.replace(/[.!]+$/, ''))}.`;
  },
  affirm: "Yes, that's right.",
  goAhead: 'Yes, please go ahead.',
  affirmAndGoAhead: "Yes, that's right. Please go ahead.",
  decline: "No, please don't do that yet.",
  noPreference: (slot: string) => `I don't have a preference for the ${humanize(slot)}.`,
  idle: 'Is there anything else you need from me?',
};

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
