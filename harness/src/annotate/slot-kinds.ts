import type { Slot } from '../bot/task.js';
import { humanize } from '../bot/task.js';

/** What sort of thing a slot holds, as far as questions and values are concerned. */
export type SlotKind = 'date' | 'time' | 'count' | 'amount' | 'location' | 'person' | 'category' | 'boolean' | 'name' | 'text';

/** For paired slots (origin/destination, pickup/drop-off, departure/return): which end of the journey a slot is. */
export type Side = 'from' | 'to';

const MONEY = /\b(amount|price|fare|cost|balance|rent|fee|budget|money|total)\b/;
const PLACE = /\b(city|town|location|area|destination|address|country|state|airport|station|port|harbou?r|terminal|region|neighbou?rhood|venue)\b/;
// People by role, and agent nouns of professions ("dentist", "physician", "beautician"): no list of any domain's trades.
const PERSON = /\b(recipient|receiver|payee|contact|person|friend|guest name|passenger name|who|\w{3,}(?:ist|ician))\b/;
const CATEGORY = /\b(type|kind|category|genre|class|cuisine|style|sort)\b/;
// Words that mark one end of a journey. "to" is left out of descriptions: it is everywhere ("Name to use").
const FROM = /\b(from|origin|originates?|departure|departing|depart|leaving|leaves|pickup|pick up|outbound|source|starting|start|check in|checkin)\b/;
const TO = /\b(destination|arrival|arrives?|arriving|dropoff|drop off|inbound|return|returning|ends|ending|end|check out|checkout)\b/;

// Kinds by slot: detectors compare values slot by slot, each comparison asking for the kind (a memo of a pure function).
const KINDS = new WeakMap<Slot, SlotKind>();
// Kinds by what readKind reads of a slot: every imported conversation carries its own copy of its task, so the same
// slot comes as a new object each time (an import of a thousand conversations brings thousands of slot objects for a hundred-odd distinct slots). Bounded like the other memos.
const KINDS_BY_CONTENT = new Map<string, SlotKind>();

/** The kind of a slot, from its declared type, allowed values, name and description. */
export function kindOf(slot: Slot): SlotKind {
  let kind = KINDS.get(slot);
  if (kind === undefined) KINDS.set(slot, (kind = kindByContent(slot)));
  return kind;
}

function kindByContent(slot: Slot): SlotKind {
  const key = JSON.stringify([slot.type, slot.name, slot.description, slot.values]);
  let kind = KINDS_BY_CONTENT.get(key);
  if (kind === undefined) {
    if (KINDS_BY_CONTENT.size >= 10_000) KINDS_BY_CONTENT.clear();
    KINDS_BY_CONTENT.set(key, (kind = readKind(slot)));
  }
  return kind;
}

function readKind(slot: Slot): SlotKind {
  const type = slot.type;
  // A choice of yes or no is a yes/no feature ("terrace: yes | no"), not a category whose values are words of agreement.
  if (slot.values && slot.values.length > 0 && slot.values.every((v) => /^(true|false|yes|no)$/i.test(v))) return 'boolean';
  const name = humanize(slot.name);
  const description = slot.description.toLowerCase();
  const both = `${name} ${description}`;
  if (type === 'boolean') return 'boolean';
  if (type === 'date') return 'date';
  if (type === 'time') return 'time';
  if (type === 'number' && MONEY.test(both)) return 'amount';
  if (type === 'integer' || type === 'number') return 'count';
  // "Number of seats" counts; a "phone number", "membership number" or "number of the account" names a thing.
  if (/\b(number|count) of\b|\bhow many\b|\b(length|duration)\b/.test(description) && !/\b\w+ (number|no|id|code)$/.test(name) && !/\b(number|count) of (the|a|an|your|their)\b/.test(description) && !/\bname\b/.test(name)) return 'count';
  if (/^(number|num|count) /.test(name)) return 'count';
  // Allowed words ("Value", "Business") make a category, whatever the description says ("Fare class").
  if (slot.values?.some((v) => !/^\d+$/.test(v))) return 'category';
  if (MONEY.test(name) || /^(the )?(amount|price|cost|fare)\b/.test(description)) return 'amount';
  if (/\b(date|day)\b/.test(name) || /\bdate\b/.test(description)) return 'date';
  if (/\btime\b/.test(name)) return 'time';
  if (slot.values && slot.values.length > 0) return 'category';
  if (!/\bname\b/.test(name) && (PLACE.test(both) || /^(from|to) /.test(name))) return 'location';
  if (PERSON.test(both)) return 'person';
  if (CATEGORY.test(name)) return 'category';
  if (/\bname\b/.test(name) || /^name\b/.test(description)) return 'name';
  return 'text';
}

/** Which end of a journey a slot names, from its name first, then its description. */
export function sideOf(slot: Slot): Side | undefined {
  const name = humanize(slot.name);
  const fromName = /^from\b/.test(name) || FROM.test(name);
  const toName = /^to\b/.test(name) || TO.test(name);
  if (fromName !== toName) return fromName ? 'from' : 'to';
  const description = slot.description.toLowerCase();
  const fromText = FROM.test(description);
  const toText = TO.test(description) || /\b(going|heading|flying|travell?ing) to\b|\bends\b/.test(description);
  if (fromText !== toText) return fromText ? 'from' : 'to';
  return undefined;
}
