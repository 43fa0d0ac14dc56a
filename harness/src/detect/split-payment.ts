import type { CallValue } from './call-values.js';
import { kindOfIdentifier, normalise, SEGMENT, Shown } from './shown.js';
import type { ToolObjects } from './tool-objects.js';

/**
 * Rule 1, other values: the proposal split the payment between means of
 * payment ("voucher ($40) + card ending 4242 ($25)", "the remaining $25 on
 * your card"), and the call pays with one of them alone, stating no sums:
 * it puts the whole charge on one card, which the user never approved.
 * `presentation` gives the proposal (read only for a call that pays with one
 * card and states no sum). Returns the instrument.
 */
export function unsplitPayment(values: readonly CallValue[], presentation: () => Shown, objects: ToolObjects): string | undefined {
  const instruments = values.filter((v) => v.kind === 'instrument');
  // A split states two sums on a line, or what is left for one card: most proposals do neither, and no object need be read.
  if (instruments.length !== 1 || values.some((v) => v.kind === 'amount')) return undefined;
  const proposal = presentation();
  const joined = proposal.texts.join('\n');
  if (!TWO_SUMS.test(joined) && !REMAINDER.test(joined)) return undefined;
  const instrument = String(instruments[0]!.value);
  const object = objects.object(instrument);
  const others = object?.siblings ?? [];
  if (others.length === 0) return undefined;
  const kin = [instrument, ...others];
  const names = (shown: Shown, id: string) => shown.value(id, objects.object(id), kin);
  // Another card is named by its code or by an attribute only it has ("Visa"), not by a sum it happens to hold.
  const namesOther = (shown: Shown, id: string) => shown.value(id) || (objects.object(id)?.distinguishing.some((a) => !a.startsWith('$') && shown.has(normalise(a))) ?? false);
  const segments = aboutRecord(proposal.texts.flatMap((text) => text.split(SEGMENT)), values, objects).map((s) => new Shown([s]));
  return segments.some((segment) => {
    // A total adds up several charges ("$30 (voucher) + $113 (card)"); it splits none of them.
    if (TOTAL.test(segment.texts[0]!) || !names(segment, instrument)) return false;
    // "voucher ($30) + Visa ($40)": another means of payment with its own sum, in the same breath.
    if (segment.amounts.length >= 2 && others.some((other) => namesOther(segment, other))) return true;
    // "the remaining $40 on your card", once the proposal has named another means of payment.
    return REMAINDER.test(segment.texts[0]!) && others.some((other) => namesOther(proposal, other) || proposal.has(kindOfIdentifier(other)) || proposal.has(`${kindOfIdentifier(other)}s`));
  })
    ? instrument
    : undefined;
}

/** The instrument pays what is left: "remaining charge to your card", "the rest … is $40 to your card", "$25 (remainder)"; not "the remaining $16 on the voucher is lost". */
const REMAINDER = /\b(?:remaining|remainder|rest)\b[^.;]{0,100}?\b(?:to|onto|on|from) your\b|\b(?:charge|put|bill|pay)\w* the (?:remaining|remainder|rest)\b|\((?:the )?remainder\)/i;
const TOTAL = /\btotal\b/i;
/** Two sums on one line: the cheap sign that a line may split a payment. */
const TWO_SUMS = /(?:[$€£]\s?\d|\d\s?(?:usd|eur|gbp|dollars?|euros?)\b)[^\n]*(?:[$€£]\s?\d|\d\s?(?:usd|eur|gbp|dollars?|euros?)\b)/i;

/**
 * The segments about the record the call acts on: where a proposal goes
 * through several records ("Booking R-1: … Booking R-2: …"), a segment
 * belongs to the last record named before it.
 */
function aboutRecord(segments: readonly string[], values: readonly CallValue[], objects: ToolObjects): string[] {
  const record = values.find((v) => v.kind === 'identifier' && v.topLevel);
  if (!record) return [...segments];
  const own = normalise(String(record.value));
  const others = [...objects.valuesOf(record.key)].map(normalise).filter((r) => r !== own);
  let current: string | undefined;
  return segments.filter((segment) => {
    const text = ` ${normalise(segment)} `;
    if (text.includes(` ${own} `)) current = own;
    else {
      const other = others.find((r) => text.includes(` ${r} `));
      if (other) current = other;
    }
    return current === undefined || current === own;
  });
}
