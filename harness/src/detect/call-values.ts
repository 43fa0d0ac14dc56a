import { humanize, type Task } from '../bot/task.js';
import { isIdentifier } from './tool-objects.js';

/** One value in a call's arguments, with where it sits. */
export interface CallValue {
  /** The argument path as written in evidence: "charges[1].amount". */
  path: string;
  /** The key the value sits under ("amount", "sailing_code"). */
  key: string;
  /** Whether it is an argument of its own ("booking_code"), not inside a list or object ("sailings[0].sailing_code"). */
  topLevel: boolean;
  value: string | number;
  /**
   * What the value is: `instrument` and `amount` decide what the user pays
   * or receives (a card, a refund destination; a sum); `identifier` names an
   * object (a booking, a sailing, a car).
   */
  kind: 'instrument' | 'amount' | 'identifier';
}

/**
 * The values of a call's arguments that approval must cover: identifiers,
 * and the arguments that decide money. An argument decides money when its
 * name, its parent's name, or the task's description of it speaks of paying,
 * refunds, prices or amounts; its string values are instruments, its numbers
 * amounts. Dates, counts and free words are left to other detectors.
 */
export function callValues(args: Record<string, unknown>, task: Task): CallValue[] {
  const out: CallValue[] = [];
  const visit = (node: unknown, path: string, key: string, money: boolean): void => {
    if (Array.isArray(node)) return node.forEach((v, i) => visit(v, `${path}[${i}]`, key, money));
    if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) visit(v, `${path}.${k}`, k, money || isMoneyName(k));
      return;
    }
    const figure = typeof node === 'number' ? node : typeof node === 'string' && AMOUNT_TEXT.test(node) ? Number(node.replace(/[^\d.]/g, '')) : undefined;
    if (money && figure !== undefined) {
      if (figure > 0) out.push({ path, key, topLevel: path === key, value: figure, kind: 'amount' });
    } else if (typeof node === 'string' && money && node.trim() !== '') out.push({ path, key, topLevel: path === key, value: node, kind: 'instrument' });
    else if (typeof node === 'string' && isIdentifier(node)) out.push({ path, key, topLevel: path === key, value: node, kind: 'identifier' });
  };
  for (const [name, value] of Object.entries(args)) visit(value, name, name, isMoneyName(name) || isMoneySlot(task, name));
  return out;
}

/**
 * Whether the action's own name speaks of paying ("change_rental_payment",
 * "update_card"): without an amount, such a call sets the instrument itself
 * and moves no money of its own.
 */
export function setsInstrument(action: string): boolean {
  return isMoneyName(action) || humanize(action).split(' ').some((word) => isMoneyName(word));
}

/** The arguments of an action that decide what the user pays or receives (a card, a refund destination, an amount). */
export function moneyArguments(task: Task, action: { required: readonly string[]; optional: readonly string[] }): string[] {
  return [...action.required, ...action.optional].filter((name) => isMoneyName(name) || isMoneySlot(task, name));
}

const AMOUNT_TEXT = /^\s*[$€£]?\s?\d[\d,]*(?:\.\d+)?\s*$/;

/** "pay_from", "refund_card", "amount", "price", "fee" — not "total_guests" or "account_holder". */
export function isMoneyName(name: string): boolean {
  return /(?:^|_)(?:pay|payment|payments|paid|payer|card|refund|amount|price|cost|fee|fees|charge|wallet|billing|tip|fund|funds|money)(?:$|_)/i.test(name) || /(?:Payment|Card|Refund|Amount|Price|Cost|Fee)/.test(name);
}

/** A slot of the task whose description speaks of paying or receiving money ("the account to pay from", "where the refund goes"). */
function isMoneySlot(task: Task, name: string): boolean {
  const slot = task.slots.find((s) => s.name === name);
  return slot !== undefined && /\b(?:pay|pays|paid|paying|payment|refund|refunds|price|amount|cost|fee|charge|money|funds?)\b/i.test(slot.description);
}
