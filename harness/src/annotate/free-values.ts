import type { ValueMention } from './assign-values.js';
import type { Lexicon, SlotEntry } from './lexicon.js';
import { matchesOf } from './text.js';

/** Slot kinds whose values are free text (names, places), not typed values. */
export const FREE_KINDS = new Set(['location', 'person', 'name', 'text', 'category']);

// What people put around a bare answer: "it's", "as I said before:", "please".
const LEAD_IN = /^(?:(?:well|ok(?:ay)?|sure|yes|yeah|um+|uh+|hmm+|oh|so|actually|maybe|probably|perhaps|preferably|i think|like i (?:said|told you)|as i said(?: before)?|i already (?:said|told you)|i said|again)[,:.!]?\s+)*(?:(?:it'?s|it is|that'?s|that is|i'?m|i am|we'?re|we are|i'?d like|i would like|i want|i need|let'?s (?:try|go with|say)|make it|try|go with|how about|into|in|at|from|to|for|near|around|the|my|our|a|an)\s+)*/i;
const TAIL = /(?:\s*,?\s*(?:please|thanks|thank you|(?:as|like) i (?:said|mentioned|told you)(?: before)?|i think|i would like|i'?d like|i want|i guess|would be (?:great|good|nice|ideal|fine)|is (?:fine|good|great|ok(?:ay)?)|then|instead|too|though))*[\s.!?]*$/i;
const FILLER_ONLY = /^(yes|yeah|yep|no|nope|ok(ay)?|sure|thanks?|thank you|fine|great|good|cool|please|nothing|none|anything|any|whatever|not sure|i don'?t (know|care|mind)|doesn'?t matter|no preference|that'?s (it|all|fine|right|correct)|(some ?thing|any ?thing|some|any) (else|other)|other options?|something different)$/i;
// "at" is left out: "a table at Rosie's" names a venue more often than a place.
const PLACE_SPAN = /\b([Ii]n|[Aa]round|[Nn]ear|[Ff]rom|out of|[Tt]o|for|into|towards?|visit(?:ing)?|reach)\s+((?:[A-Z][\w'&-]*)(?:,?\s+(?!(?:Is|Are|Can|Could|Will|Would|Do|Does|Please|Thanks|Thank|And|But|So|I|It)\b)(?:[A-Z][\w'&-]*|of|de|del|la|los|las|the|and|on|[A-Z]{2}\b))*)/g;
const MONTH_OR_DAY = /^(january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|tonight)\b/i;
const MONTH_OR_DAY_TAIL = /[,\s]+(?:(?:on|in|the|of)\s+)*(january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b.*$/i;
const CALLED = /\b(?:called|named|titled|label(?:l)?ed)\s+["']?((?:[A-Z0-9][\w'&.-]*|[a-z][\w'&.-]*)(?:\s+[A-Z0-9][\w'&.-]*)*)/g;

/** The user's bare answer ("Paris, France.", "I already said drama.") to a bot that asked for one free-text slot. */
export function bareAnswer(text: string, slot: SlotEntry): ValueMention | undefined {
  if (/\?\s*$/.test(text)) return undefined;
  const value = cleanAnswer(text);
  if (!value || FILLER_ONLY.test(value) || value.split(/\s+/).length > 6) return undefined;
  return { slot: slot.slot.name, value, index: Math.max(0, text.indexOf(value)), anchored: false, free: true };
}

// "Send it to Philip", "put it under Ada": a verb and its object before the answer.
const VERB_LEAD_IN = /^(?:please\s+)?[a-z]+\s+(?:it|them|that|this|one|me|us)\s+(?:to|for|in|at|on|from|under|as|by)\s+/i;

export function cleanAnswer(text: string): string {
  let value = text.trim().replace(TAIL, '').replace(VERB_LEAD_IN, '');
  for (let i = 0; i < 3; i += 1) value = value.replace(LEAD_IN, '').replace(TAIL, '');
  return value.replace(/^["']|["']$/g, '').trim();
}

/**
 * Places named after a preposition ("in Foster City", "from Phoenix to
 * Sydney"): "from" gives the starting end, "to" the other, "in"/"near" a
 * place slot with no end. A place goes to a slot only when exactly one fits.
 */
export function placeValues(text: string, lexicon: Lexicon, taken: ReadonlySet<string>): ValueMention[] {
  const places = lexicon.filter((e) => e.kind === 'location' && e.requestable);
  if (places.length === 0) return [];
  const found: ValueMention[] = [];
  for (const match of matchesOf(PLACE_SPAN, text)) {
    const preposition = match[1]!.toLowerCase();
    // "Chicago on December 5th": a month or a weekday ends the place.
    const value = match[2]!.replace(MONTH_OR_DAY_TAIL, '').replace(/(?:[,\s]+(?:of|de|del|la|los|las|the|and|on))+$/i, '').replace(/[.,]+$/, '');
    if (/^(I|I'm|I'd|I'll|Me|My)$/.test(value) || MONTH_OR_DAY.test(value)) continue;
    const before = text.slice(Math.max(0, (match.index ?? 0) - 20), match.index ?? 0);
    if (preposition === 'for' && !/\b(leav\w*|head\w*|bound|depart\w*)\s*$/i.test(before)) continue;
    const side = preposition === 'from' || preposition === 'out of' ? 'from' : /^(to|into|toward|towards|visit|visiting|reach|for)$/.test(preposition) ? 'to' : undefined;
    const fits = places.filter((e) => !taken.has(e.slot.name) && !found.some((f) => f.slot === e.slot.name) && (side ? e.side === side || (!e.side && places.length === 1) : !e.side || places.length === 1));
    const top = Math.max(...fits.map((e) => e.priority));
    const best = fits.filter((e) => e.priority === top);
    if (best.length === 1) found.push({ slot: best[0]!.slot.name, value, index: (match.index ?? 0) + match[0].indexOf(value), anchored: false, free: true });
  }
  return found;
}

const NAME_SPAN = /\b(?:to|for|with|from|by|under)\s+((?:[A-Z][\w'&-]*)(?:\s+[A-Z][\w'&-]*){0,3})/g;

/**
 * "Send $380 to Li": a capitalised name after a preposition, when it is the
 * only one, is the person or name the bot just asked for, or else the one
 * person an action takes (a recipient, a contact).
 */
export function requestedNames(text: string, lexicon: Lexicon, requested: readonly string[], taken: ReadonlySet<string>): ValueMention[] {
  const asked = lexicon.filter((e) => requested.includes(e.slot.name) && !taken.has(e.slot.name) && (e.kind === 'person' || e.kind === 'name'));
  const people = lexicon.filter((e) => e.requestable && !taken.has(e.slot.name) && e.kind === 'person');
  const open = asked.length > 0 ? asked : people;
  if (open.length !== 1) return [];
  const spans = matchesOf(NAME_SPAN, text).filter((m) => !MONTH_OR_DAY.test(m[1]!) && !/^(I|Me|My)$/.test(m[1]!));
  if (spans.length !== 1) return [];
  const span = spans[0]!;
  return [{ slot: open[0]!.slot.name, value: span[1]!, index: (span.index ?? 0) + span[0].indexOf(span[1]!), anchored: false, free: true }];
}

/** "an alarm called Grocery Run": the value of the one name slot an action takes. */
export function calledValues(text: string, lexicon: Lexicon, taken: ReadonlySet<string>): ValueMention[] {
  const names = lexicon.filter((e) => (e.kind === 'name' || e.kind === 'text') && e.requestable && !taken.has(e.slot.name));
  if (names.length !== 1) return [];
  const match = CALLED.exec(text);
  CALLED.lastIndex = 0;
  return match ? [{ slot: names[0]!.slot.name, value: match[1]!.replace(/[.,!]+$/, ''), index: match.index, anchored: false, free: true }] : [];
}
