import { kindOf, type SlotKind } from '../annotate/slot-kinds.js';
import { humanize, type Slot, type SlotValue, type Task } from '../bot/task.js';

type Pair = readonly [SlotValue, SlotValue];
type ValueKind = SlotKind | 'iban' | 'email' | 'phone' | 'code' | 'note';

/**
 * Plausible values per kind of slot, a pair for each slot of that kind in a
 * task (the goal's, and the one a correction changes it to): a second slot
 * of a kind gets the second pair, so no two slots share a value and a value
 * the user says names one slot only.
 */
const BY_KIND: Partial<Record<ValueKind, readonly Pair[]>> = {
  time: [['19:30', '20:30'], ['09:15', '10:45'], ['12:00', '13:00']],
  count: [[4, 6], [2, 3], [8, 10]],
  amount: [[250, 300], [80, 95], [1200, 1350]],
  location: [['Lyon', 'Porto'], ['Graz', 'Turku'], ['Bergen', 'Ghent']],
  person: [['Ada Byron', 'Grace Hopper'], ['Alan Turing', 'Edsger Dijkstra'], ['Katherine Johnson', 'Margaret Hamilton']],
  name: [['Ada', 'Grace'], ['Alan', 'Edsger'], ['Katherine', 'Margaret']],
  category: [['standard', 'special'], ['basic', 'premium']],
  text: [['plain', 'special'], ['quiet', 'lively'], ['morning', 'evening']],
  iban: [['DE89370400440532013000', 'GB33BUKB20201555555555'], ['FR7630006000011234567890189', 'NL91ABNA0417164300']],
  email: [['ada@example.com', 'grace@example.com'], ['alan@example.org', 'edsger@example.org']],
  phone: [['+44 20 7946 0018', '+44 20 7946 0295'], ['+33 1 70 36 40 12', '+33 1 70 36 40 77']],
  code: [['AB-1042', 'AB-2077'], ['CD-3310', 'CD-4518']],
  note: [['December rent', 'January rent'], ['Concert tickets', 'Theatre tickets']],
};

/**
 * A goal value for every slot of a task and the value a correction changes it
 * to: deterministic, of the slot's kind (an IBAN looks like one, a date of
 * birth lies in the past), distinct between slots. Other dates are days
 * after `today`, each slot's later than the one before (a check-out after
 * the check-in).
 */
export function goalValues(task: Task, today: string): Map<string, Pair> {
  const values = new Map<string, Pair>();
  const used = new Map<ValueKind, number>();
  let dates = 0;
  for (const slot of task.slots) {
    if (kindOf(slot) === 'date') {
      const offset = 11 + 3 * dates++;
      values.set(slot.name, isBirthDate(slot) ? [addDays(today, -14_700 - offset), addDays(today, -14_700 - offset + 1)] : [addDays(today, offset), addDays(today, offset + 1)]);
    } else values.set(slot.name, pairFor(slot, used));
  }
  return values;
}

function pairFor(slot: Slot, used: Map<ValueKind, number>): Pair {
  if (slot.values && slot.values.length > 0) return [slot.values[0]!, slot.values[1] ?? slot.values[0]!];
  if (slot.type === 'boolean' || kindOf(slot) === 'boolean') return [true, false];
  // A number-typed slot gets a number, whatever its name suggests.
  const kind = (slot.type === 'integer' || slot.type === 'number') && kindOf(slot) !== 'amount' ? 'count' : valueKindOf(slot);
  const pairs = BY_KIND[kind] ?? BY_KIND.text!;
  const n = used.get(kind) ?? 0;
  used.set(kind, n + 1);
  const pair = pairs[n % pairs.length]!;
  // Past the list, numbered: still distinct.
  return n < pairs.length ? pair : [suffixed(pair[0], n), suffixed(pair[1], n)];
}

/** The kind of value a generated user gives: identifiers and notes by their shape, the rest by the slot's kind. */
function valueKindOf(slot: Slot): ValueKind {
  const words = `${humanize(slot.name)} ${slot.description.toLowerCase()}`;
  if (/\biban\b/.test(words)) return 'iban';
  if (/\be-?mail\b/.test(words)) return 'email';
  if (/\b(phone|mobile|telephone)\b/.test(words)) return 'phone';
  if (/\b(reference|note|memo|message|comment)\b/.test(humanize(slot.name))) return 'note';
  if (/\bfull name\b/.test(words)) return 'person';
  if (/\b(id|code|number|no)$/.test(humanize(slot.name)) || /\b(account|card|booking|order|policy|membership) (number|no|id)\b/.test(words)) return 'code';
  return kindOf(slot);
}

function isBirthDate(slot: Slot): boolean {
  return /\b(birth|born|dob|birthday)\b/.test(`${humanize(slot.name)} ${slot.description.toLowerCase()}`);
}

function suffixed(value: SlotValue, n: number): SlotValue {
  return typeof value === 'number' ? value + 10 * n : `${String(value)} ${n}`;
}

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
