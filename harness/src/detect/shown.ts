import type { ToolObject } from './tool-objects.js';

/**
 * What some messages showed the user, for checking a call's arguments
 * against it: the words (lower-cased, "_" and punctuation as spaces) and the
 * money amounts they state.
 */
export class Shown {
  readonly texts: readonly string[];
  private words?: string;
  private money?: { amounts: number[]; noCharge: boolean; settled: boolean };

  constructor(texts: readonly string[]) {
    this.texts = texts;
  }

  /**
   * The words, read on first use: most messages never need them, and a run
   * reads thousands. Each text is read once (the approvals merge the same
   * messages into many of these).
   */
  private get text(): string {
    this.words ??= ` ${this.texts.map(wordsOf).filter((w) => w !== '').join(' ')} `;
    return this.words;
  }

  /** The sums and what they say about paying, read on first use like the words (fewer questions need them). */
  private get facts(): { amounts: number[]; noCharge: boolean; settled: boolean } {
    if (!this.money) {
      const parts = this.texts.map(moneyOf);
      const amounts = parts.flatMap((p) => p.amounts);
      this.money = { amounts, noCharge: parts.some((p) => p.noCharge) || amounts.some((n) => n === 0), settled: parts.some((p) => p.settled) };
    }
    return this.money;
  }

  /** The money amounts stated. */
  get amounts(): readonly number[] {
    return this.facts.amounts;
  }

  /** The text says nothing is charged ("no extra cost", "$0", "free of charge"). */
  get noCharge(): boolean {
    return this.facts.noCharge;
  }

  /** Everything several of these showed. */
  static merge(parts: readonly Shown[]): Shown {
    return new Shown(parts.flatMap((p) => p.texts));
  }

  /** Whether a phrase (already normalised) appears as whole words. */
  has(phrase: string): boolean {
    return phrase.length > 0 && this.text.includes(` ${phrase} `);
  }

  /**
   * Whether a value was shown: written out ("SL204", "#R123" as "R123",
   * "card_5531" as "card 5531"), by its number alone (the digits
   * of "card_5531" as "5531"), or, for an identifier, by an attribute
   * of its object that no sibling shares ("Visa ending in 5531", "voucher"),
   * or by the words of its kind ("store credit" for "store_credit_4471") when no
   * other value of its kind (`kin`, when known) has them.
   */
  value(value: string, object?: ToolObject, kin?: readonly string[]): boolean {
    const phrase = normalise(value);
    if (this.has(phrase)) return true;
    const digits = /\d{4,}/.exec(value)?.[0];
    if (digits && this.has(digits)) return true;
    if (object?.distinguishing.some((attribute) => this.hasAttribute(attribute))) return true;
    // A combination of attributes that no sibling has all of ("the black 1000ml bottle").
    const mentioned = object?.attributes.filter((attribute) => this.hasAttribute(attribute)) ?? [];
    if (mentioned.length >= 2 && object!.siblingAttributes.every((sibling) => !mentioned.every((m) => sibling.includes(m)))) return true;
    // "your store credit" names store_credit_4471 when no other value of its kind is store credit.
    const kind = kindWords(value);
    if (kin !== undefined && kind !== undefined && this.has(kind) && !kin.some((other) => other.toLowerCase() !== value.toLowerCase() && kindWords(other) === kind)) return true;
    return object !== undefined && this.namesTheOther(object);
  }

  /**
   * "Use voucher_88 for the first and the other $30 voucher for the second":
   * of two objects alike in an attribute, "the other" with that attribute
   * names the one whose sibling the text names.
   */
  private namesTheOther(object: ToolObject): boolean {
    if (!this.text.includes(' the other ')) return false;
    return object.attributes.some((attribute) => {
      const alike = object.siblingsWith(attribute);
      if (alike.length !== 1 || !alike[0]!.some((id) => this.has(normalise(id)))) return false;
      const words = normalise(attribute.replace(/^\$/, ''));
      return words !== '' && new RegExp(String.raw` the other (?:\w+ ){0,2}?${words.replace(/ /g, ' ')} `).test(this.text);
    });
  }

  private hasAttribute(attribute: string): boolean {
    return attribute.startsWith('$') ? this.states(Number(attribute.slice(1))) : this.has(normalise(attribute));
  }

  /** Whether a sum was stated with its currency ("$250", "250 EUR"), to the cent. */
  private states(value: number): boolean {
    return this.amounts.some((n) => Math.abs(n - value) < 0.005);
  }

  /** Whether an amount was stated (to the cent), with a currency or as the bare figure. */
  amount(value: number): boolean {
    if (this.states(value)) return true;
    // "the amount is 250, the currency is EUR": a recap that states the figure without a currency sign.
    return [String(value), value.toFixed(2)].some((figure) => this.has(normalise(figure)));
  }

  /**
   * Whether what the user pays or receives was stated: a sum in a sentence
   * about paying, charging or refunding ("a $414 refund to your card",
   * "difference to pay: $209"), two sums it follows from (the old price and
   * the new), that nothing is charged, or a full refund. A new fare or a total
   * on its own says nothing about what changes hands.
   */
  get statesMoney(): boolean {
    return this.noCharge || this.facts.settled || new Set(this.amounts).size >= 2;
  }
}

/** What one text says about money: its sums, whether it says nothing is charged, whether it says what changes hands. */
interface MoneyFacts {
  amounts: number[];
  noCharge: boolean;
  settled: boolean;
}

// By text: the approvals put the same few messages into many Shown (memos of pure functions).
const WORDS = new Map<string, string>();
const MONEY = new Map<string, MoneyFacts>();

function wordsOf(text: string): string {
  let words = WORDS.get(text);
  if (words === undefined) {
    if (WORDS.size >= 256) WORDS.delete(WORDS.keys().next().value!);
    WORDS.set(text, (words = normalise(text)));
  }
  return words;
}

function moneyOf(text: string): MoneyFacts {
  let facts = MONEY.get(text);
  if (!facts) {
    if (MONEY.size >= 256) MONEY.delete(MONEY.keys().next().value!);
    const amounts = [...text.matchAll(AMOUNT)].map((m) => Number((m[1] ?? m[2] ?? '').replace(/,/g, ''))).filter((n) => Number.isFinite(n));
    const settled = SETTLED.test(text) || text.split(SEGMENT).some((part) => PAYING.test(part) && AMOUNT_IN.test(part));
    MONEY.set(text, (facts = { amounts, noCharge: NO_CHARGE.test(text), settled }));
  }
  return facts;
}

/** "$1,286.00", "€ 50", "50 dollars", "USD 20". */
const AMOUNT = /[$€£]\s?(\d[\d,]*(?:\.\d+)?)|\b(\d[\d,]*(?:\.\d+)?)\s?(?:usd|eur|gbp|dollars?|euros?|pounds?)\b/gi;
const NO_CHARGE =
  /\b(?:no (?:additional |extra |further )?(?:\w+ )?(?:charges?|costs?|fees?|payment)|free of charge|at no (?:additional |extra )?cost|(?:won'?t|will not) be charged|nothing (?:to pay|will be charged|extra)|no price difference|(?:all|both|it|they) (?:are |is |will be )?(?:free|complimentary)|\w+s (?:are |will be )(?:free|complimentary)|within (?:the|your) free)\b/i;
/** Where a text breaks into the pieces rules read one at a time: lines, and sentences or clauses ending in ".", "!", "?" or ";". */
export const SEGMENT = /\n|(?<=[.!?;])\s+/;
/** AMOUNT, to test one segment (a global pattern keeps its position between tests). */
const AMOUNT_IN = new RegExp(AMOUNT.source, 'i');
const PAYING =
  /\b(?:refunds?|refunded|refunding|charges?|charged|charging|pay|pays|paid|paying|payment|difference|costs?|fees?|owe|owed|due|credit(?:ed)?|debit(?:ed)?|back to|(?:on|to|from|onto|into) (?:your|the) (?:\w+ ){0,2}(?:card|account|balance|wallet)|additional|extra|sav(?:e|es|ed|ings?)|deduct(?:ed)?|(?:you(?:'ll| will)|you'd|you would) (?:receive|get|be charged))\b/i;
const SETTLED = /\b(?:full refund|fully refunded|refund(?:ed)? in full|the (?:full|whole|entire) (?:amount|price|cost))\b/i;

/** The words of an identifier without its number ("store credit" of "store_credit_4471"). */
export function kindOfIdentifier(value: string): string {
  return normalise(value.replace(/\d+/g, ' '));
}

/** The words of an identifier without its number, when it has both. */
function kindWords(value: string): string | undefined {
  if (!/\d/.test(value)) return undefined;
  const words = kindOfIdentifier(value);
  return words.length >= 3 ? words : undefined;
}

/** Lower case, "_" and punctuation as spaces, a leading "#" dropped: how values and texts are compared. */
export function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[_\W]+/g, ' ')
    .trim();
}
