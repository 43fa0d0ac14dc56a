import type { Act } from '../annotate/acts.js';
import { humanize } from '../bot/task.js';
import { stemSet, words } from '../annotate/text.js';
import { isMoneyName } from './call-values.js';
import { normalise, type Shown } from './shown.js';
import type { ToolObjects } from './tool-objects.js';

/**
 * Whether a presentation spoke of `call` as well as of `first`, the call
 * of another action already made under the same approval: it shows a value
 * of the call that the first call lacks (another booking's code, "terrace
 * table", "change of plans"), or names a word of the action's name that the
 * first action's name lacks ("the wine pairing" for add_wine_pairing beside
 * move_table, "cancel" for cancel_appointment beside move_appointment). An
 * approval covers the actions its presentation presented; another action
 * needs its own (rule 1).
 */
export function presentsActionBeside(proposal: Shown, call: Act, first: Act, objects: ToolObjects): boolean {
  const firstValues = new Set(stringValues(first.args).map(normalise));
  // A value written out, or an object described by its attributes ("the grey medium one").
  const shows = (v: string) => proposal.value(v) || proposal.value(v, objects.object(v), []);
  if (stringValues(call.args).some((v) => !firstValues.has(normalise(v)) && shows(v))) return true;
  const firstStems = new Set(words(humanize(first.action ?? '')).map((w) => w.stem));
  const own = words(humanize(call.action ?? ''))
    .map((w) => w.stem)
    .filter((stem) => stem.length >= 3 && !firstStems.has(stem));
  if (own.length === 0) return true;
  const said = stemSet(proposal.texts.join('\n'));
  // "exam" names "examination": a stem that begins the other, a few letters apart.
  return own.some((stem) => said.has(stem) || [...said].some((s) => s.length >= 3 && Math.abs(stem.length - s.length) <= 3 && (stem.startsWith(s) || s.startsWith(stem))));
}

/**
 * The string values of a call's arguments, at any depth, that could name
 * what it acts on: not "yes", "no" or a letter, and not the card that pays
 * (one card pays for many actions, and naming it presents none of them).
 */
function stringValues(node: unknown, out: string[] = []): string[] {
  if (typeof node === 'string') {
    if (node.trim().length >= 3 && !GENERIC.test(node.trim())) out.push(node);
  } else if (Array.isArray(node)) for (const v of node) stringValues(v, out);
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) if (!isMoneyName(k)) stringValues(v, out);
  return out;
}

const GENERIC = /^(?:yes|no|true|false|none|null|n\/a)$/i;
