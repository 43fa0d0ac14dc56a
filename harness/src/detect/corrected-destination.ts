import type { Approval } from './approvals.js';
import type { CallValue } from './call-values.js';
import { identifiersIn } from './tool-objects.js';

/**
 * Rule 3, a correction in the same breath as the yes: the user changed where
 * money goes ("… but I'd like the refund to go to my credit card instead,
 * yes, go ahead"), and the call carries no means of payment of its own, so
 * its money goes where the proposal said for it ("the $60 will be refunded
 * to your original payment method"): the call carries out the plan as it was
 * before the correction, which the user did not approve. Returns what the
 * proposal said, for the evidence.
 */
export function uncorrectedDestination(values: readonly CallValue[], records: readonly string[], approval: Approval): string | undefined {
  if (approval.correction.texts.length === 0 || values.some((v) => v.kind === 'instrument') || records.length === 0) return undefined;
  if (!approval.correction.texts.some((s) => MONEY_GOES.test(s) && INSTRUMENT.test(s))) return undefined;
  for (const line of approval.proposal.texts.flatMap((t) => t.split('\n'))) {
    for (const record of records) {
      const said = aboutRecord(line, record);
      if (said !== undefined && MONEY_GOES.test(said) && INSTRUMENT.test(said)) return said.trim();
    }
  }
  return undefined;
}

/** What a line says from the record's code on, up to the next code (another record's part of the line). */
function aboutRecord(line: string, record: string): string | undefined {
  const at = line.toLowerCase().indexOf(record.toLowerCase());
  if (at < 0) return undefined;
  const rest = line.slice(at + record.length);
  const next = identifiersIn(rest).find((token) => token.toLowerCase() !== record.toLowerCase());
  return line.slice(at, next === undefined ? undefined : at + record.length + rest.indexOf(next));
}

const MONEY_GOES = /\b(?:refund\w*|charg\w*|pay|paid|credit(?:ed)?|sen[dt] (?:back|to))\b/i;
const INSTRUMENT = /\b(?:card|account|wallet|balance|voucher|(?:original|same) (?:form of )?(?:payment|method))\b/i;
