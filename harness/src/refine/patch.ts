import * as z from 'zod';

/** One edit of a prompt patch. Anchors are exact text of the prompt and must occur exactly once. */
export const PromptEditSchema = z.discriminatedUnion('op', [
  z.strictObject({
    /** Inserts `text` as new line(s) after the line on which `anchor` ends. */
    op: z.literal('insert_after'),
    anchor: z.string().min(1),
    text: z.string().min(1).max(2000),
  }),
  z.strictObject({
    /** Replaces `anchor` with `text`. */
    op: z.literal('replace'),
    anchor: z.string().min(1),
    text: z.string().max(2000),
  }),
  z.strictObject({
    /** Adds `text` as new line(s) at the end of the prompt. */
    op: z.literal('append'),
    text: z.string().min(1).max(2000),
  }),
]);
export type PromptEdit = z.infer<typeof PromptEditSchema>;

/** A minimal, structured change to a bot prompt, with the reason for it: what the fix-proposal meta-prompt returns. */
export const PromptPatchSchema = z.strictObject({
  /** Why this change stops the failure, in one or two sentences. */
  rationale: z.string().min(1).max(1500),
  edits: z.array(PromptEditSchema).min(1).max(6),
});
export type PromptPatch = z.infer<typeof PromptPatchSchema>;

export type PatchResult = { ok: true; text: string } | { ok: false; problem: string };

/**
 * Applies the edits in order, each to the text the previous ones produced.
 * The result must pass `validate` (for a bot: compile and render as its prompt
 * template); otherwise the patch does not apply, and `problem` says why in
 * words the fixer can act on.
 */
export function applyPatch(source: string, patch: PromptPatch, validate: (text: string) => void = () => undefined): PatchResult {
  let text = source;
  for (const [i, edit] of patch.edits.entries()) {
    const applied = applyEdit(text, edit);
    if (!applied.ok) return { ok: false, problem: `edit ${i + 1} (${edit.op}): ${applied.problem}` };
    text = applied.text;
  }
  if (text === source) return { ok: false, problem: 'the patch changes nothing' };
  try {
    validate(text);
  } catch (error) {
    return { ok: false, problem: `the patched prompt is not a valid template: ${error instanceof Error ? error.message : String(error)}` };
  }
  return { ok: true, text };
}

function applyEdit(text: string, edit: PromptEdit): PatchResult {
  if (edit.op === 'append') return { ok: true, text: `${text.replace(/\n*$/, '')}\n${edit.text.replace(/\n*$/, '')}\n` };
  const count = occurrences(text, edit.anchor);
  if (count !== 1) return { ok: false, problem: `the anchor ${JSON.stringify(shorten(edit.anchor))} occurs ${count} times in the prompt; an anchor must be copied exactly from the prompt and occur exactly once` };
  const at = text.indexOf(edit.anchor);
  if (edit.op === 'replace') return { ok: true, text: text.slice(0, at) + edit.text + text.slice(at + edit.anchor.length) };
  const lineEnd = text.indexOf('\n', at + edit.anchor.length);
  const cut = lineEnd === -1 ? text.length : lineEnd;
  return { ok: true, text: `${text.slice(0, cut)}\n${edit.text.replace(/\n*$/, '')}${text.slice(cut)}` };
}

function occurrences(text: string, anchor: string): number {
  let count = 0;
  for (let at = text.indexOf(anchor); at !== -1; at = text.indexOf(anchor, at + 1)) count += 1;
  return count;
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** The patch as a person reads it in a guide or report: one block per edit. */
export function describePatch(patch: PromptPatch): string {
  return patch.edits
    .map((edit) => {
      if (edit.op === 'append') return `append:\n${indent(edit.text, '+ ')}`;
      if (edit.op === 'replace') return `replace:\n${indent(edit.anchor, '- ')}\n${indent(edit.text, '+ ')}`;
      return `after the line with ${JSON.stringify(shorten(edit.anchor))}, insert:\n${indent(edit.text, '+ ')}`;
    })
    .join('\n');
}

function indent(text: string, prefix: string): string {
  return text.split('\n').map((line) => `${prefix}${line}`).join('\n');
}
