import type { Act } from '../annotate/acts.js';
import { humanize } from '../bot/task.js';
import { stemSet, words } from '../annotate/text.js';
import { normalise, type Shown } from './shown.js';

/**
 * Whether a presentation spoke of `call` as well as of `first`, the call
 * of another action already made under the same approval: it shows a value
 * of the call that the first call lacks (another booking's code, "window
 * seat", "no longer needed"), or names a word of the action's name that the
 * first action's name lacks ("the extra luggage" for update_luggage beside
 * update_seats, "cancel" for cancel_order beside change_order_items). An
 * approval covers the actions its presentation presented; another action
 * needs its own (rule 1).
 */
export function presentsActionBeside(proposal: Shown, call: Act, first: Act): boolean {
  const firstValues = new Set(stringValues(first.args).map(normalise));
  if (stringValues(call.args).some((v) => !firstValues.has(normalise(v)) && proposal.value(v, undefined, []))) return true;
  const firstStems = new Set(words(humanize(first.action ?? '')).map((w) => w.stem));
  const own = words(humanize(call.action ?? ''))
    .map((w) => w.stem)
    .filter((stem) => stem.length >= 3 && !firstStems.has(stem));
  if (own.length === 0) return true;
  const said = stemSet(proposal.texts.join('\n'));
  // "bag" names "baggages": a stem that begins the other, a few letters apart.
  return own.some((stem) => said.has(stem) || [...said].some((s) => s.length >= 3 && Math.abs(stem.length - s.length) <= 3 && (stem.startsWith(s) || s.startsWith(stem))));
}

/** The string values of a call's arguments, at any depth, that could name something (not "yes", "no" or a letter). */
function stringValues(node: unknown, out: string[] = []): string[] {
  if (typeof node === 'string') {
    if (node.trim().length >= 3 && !GENERIC.test(node.trim())) out.push(node);
  } else if (Array.isArray(node)) for (const v of node) stringValues(v, out);
  else if (node && typeof node === 'object') for (const v of Object.values(node)) stringValues(v, out);
  return out;
}

const GENERIC = /^(?:yes|no|true|false|none|null|n\/a)$/i;
