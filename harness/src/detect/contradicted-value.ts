import type { Act } from '../annotate/acts.js';
import { referenceDate, sameValue } from '../annotate/normalize.js';
import { kindOf } from '../annotate/slot-kinds.js';
import { findSlot } from '../bot/task.js';
import type { Approval } from './approvals.js';
import type { DetectInput } from './detector.js';
import { normalise, SEGMENT, type Shown } from './shown.js';
import { isIdentifier, toolObjectsOf } from './tool-objects.js';

/**
 * Rule 1, other values: a top-level argument for a place or a choice among
 * kinds (a port, a table area) whose value the proposal contradicts: its
 * recaps state another value for that slot and never this one, and the user
 * did not name it. The call does something else than what was approved
 * ("from Oslo" presented, `depart_port="Kiel"` called). Dates, counts and
 * free text are left out: a recap's year or count is too often read
 * loosely to convict a call on it.
 */
export function contradictedValue(input: DetectInput, call: Act, approval: Approval, userSaid: Shown): { slot: string; value: string; shown: string } | undefined {
  let recapped: Act[] | undefined;
  let reference: Date | undefined;
  for (const [name, value] of Object.entries(call.args ?? {})) {
    if (typeof value !== 'string' || value.trim() === '') continue;
    const slot = findSlot(input.task, name);
    if (!slot || !CHECKED.has(kindOf(slot))) continue;
    recapped ??= approval.proposalTurn.flatMap((j) => (input.acts[j] ?? []).filter((a) => a.act === 'CONFIRM' && a.slot && a.value !== undefined));
    const today = (reference ??= referenceDate(input.today));
    const stated = recapped.filter((a) => a.slot === name);
    const forPart = slot.values ? statedForPart(input, approval, call, slot.values, value) : undefined;
    if (forPart) return { slot: name, value, shown: forPart };
    if (stated.length === 0 || stated.some((a) => sameValue(a.value!, value, slot, today))) continue;
    const phrase = normalise(value);
    if (approval.proposal.has(phrase) || approval.shown.has(phrase) || userSaid.has(phrase)) continue;
    return { slot: name, value, shown: String(stated[0]!.value) };
  }
  return undefined;
}

const CHECKED = new Set(['location', 'category']);


/**
 * A kind the proposal stated otherwise for what the call acts on, where its
 * recaps mix several records or parts: the line that names a part the call
 * carries ("SL100 from HLS to KRN – deck seat") states another allowed value
 * of the slot and no line naming it states the called one; or the
 * paragraphs that name the record it changes ("Booking Q2RT9Z … Grade:
 * deck seat") state another, and the called one is stated only about other
 * records of its kind. The call sets it for the whole (one grade for every
 * sailing). Returns what was stated, for the evidence.
 */
function statedForPart(input: DetectInput, approval: Approval, call: Act, allowed: readonly string[], value: string): string | undefined {
  const { parts, records } = codesOf(call.args ?? {});
  if (parts.length === 0 && records.length === 0) return undefined;
  const called = normalise(value);
  // The longest first: "sea view cabin" is not also "cabin".
  const phrases = allowed.map(normalise).sort((a, b) => b.length - a.length);
  // Most proposals state no other allowed value at all: nothing to cut into lines.
  if (!phrases.some((p) => p !== called && approval.proposal.has(p))) return undefined;
  const texts = approval.proposal.texts;
  const lines = texts.flatMap((t) => t.split(SEGMENT)).map(read(phrases));
  for (const part of parts) {
    const about = lines.filter((l) => l.names(part));
    const other = about.find((l) => l.values.length > 0);
    if (other && !about.some((l) => l.values.includes(called))) return `${other.values[0]} for ${part}`;
  }
  const paragraphs = texts.flatMap((t) => t.split(PARAGRAPH)).map(read(phrases));
  for (const record of records) {
    const about = paragraphs.filter((p) => p.names(record));
    const other = about.find((p) => p.values.length > 0);
    if (!other) continue;
    const kin = [...toolObjectsOf(input.conversation).valuesOf(keyOf(call.args ?? {}, record))].filter((k) => k !== record.toLowerCase());
    // The called value stated about this record, or about none in particular, was presented.
    if (!paragraphs.some((p) => p.values.includes(called) && (p.names(record) || !kin.some((k) => p.names(k))))) return `${other.values[0]} for ${record}`;
  }
  return undefined;
}

/** A block of text: which allowed values it states (a longer one, "sea view cabin", is not also "cabin"), and whether it names a code. */
function read(phrases: readonly string[]): (block: string) => { values: string[]; names: (code: string) => boolean } {
  return (block) => {
    const text = ` ${normalise(block)} `;
    let rest = text;
    const values: string[] = [];
    for (const phrase of phrases) {
      if (!rest.includes(` ${phrase} `)) continue;
      values.push(phrase);
      rest = rest.split(` ${phrase} `).join('  ');
    }
    return { values, names: (code) => text.includes(` ${normalise(code)} `) };
  };
}

function keyOf(args: Record<string, unknown>, value: string): string {
  return Object.entries(args).find(([, v]) => v === value)?.[0] ?? '';
}

const PARAGRAPH = /\n\s*\n/;

/** The codes of a call: its own arguments' (the records it acts on), and those inside its lists and objects (the sailings of a booking, the items of an order). */
function codesOf(args: Record<string, unknown>): { parts: string[]; records: string[] } {
  const parts: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') Object.values(node).forEach(visit);
    else if (typeof node === 'string' && isIdentifier(node)) parts.push(node);
  };
  const records: string[] = [];
  for (const v of Object.values(args)) {
    if (typeof v === 'string') {
      if (isIdentifier(v)) records.push(v);
    } else visit(v);
  }
  return { parts, records };
}
