import type { CallValue } from './call-values.js';
import type { Shown } from './shown.js';
import type { ToolObjects } from './tool-objects.js';

/**
 * Rule 1, another object: the proposal presented taking a part out of a
 * record ("cancel the kettle (item 4410) from your order #A2210"),
 * and the call acts on the whole record: it names the record and none of its
 * parts. Parts are the codes a tool result lists with the record under one
 * key (its items, its sailings); only a part named by its code and then
 * taken "from your / the …" counts, so a proposal that mentions some parts
 * of a record it acts on whole ("cancel booking K7QX2P, sailing SL100 from
 * HLS") presents the whole. Returns the record and the part presented.
 */
export function wholeForPart(values: readonly CallValue[], proposal: Shown, objects: ToolObjects, at: number): { record: string; part: string } | undefined {
  const identifiers = values.filter((v) => v.kind === 'identifier');
  // A call that names parts acts on them; most proposals take nothing "from" anything.
  if (identifiers.some((v) => !v.topLevel) || !proposal.texts.some((t) => FROM.test(t))) return undefined;
  for (const { value } of identifiers) {
    const record = String(value);
    for (const parts of objects.partsOf(record, at)) {
      const part = [...parts].find((p) => proposal.texts.some((text) => takenFrom(text, p)));
      if (part !== undefined && parts.size >= 2) return { record, part };
    }
  }
  return undefined;
}

const FROM = /\bfrom (?:your|the|this|that)\b/i;

/** "… the kettle (item 4410) from your pending order …": the part, then "from your / the" in the same sentence. */
function takenFrom(text: string, part: string): boolean {
  const lower = text.toLowerCase();
  const at = lower.indexOf(part.toLowerCase());
  if (at < 0) return false;
  const rest = lower.slice(at + part.length, at + part.length + 60);
  return /^[^.?!\n]*?\bfrom (?:your|the|this|that)\b/.test(rest);
}
