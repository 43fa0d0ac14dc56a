import { describe, expect, it } from 'vitest';
import { applyPatch, describePatch, PromptPatchSchema, type PromptPatch } from './patch.js';

const PROMPT = 'You book tables.\n{{#each task.slots}}\n- {{name}}\n{{/each}}\nBook when ready.\n';
const patch = (...edits: PromptPatch['edits']): PromptPatch => ({ rationale: 'because', edits });

describe('applyPatch', () => {
  it('inserts after the line the anchor ends on, replaces exactly, appends at the end', () => {
    const result = applyPatch(PROMPT, patch(
      { op: 'insert_after', anchor: '{{/each}}', text: 'Never ask again.' },
      { op: 'replace', anchor: 'Book when ready.', text: 'Book only after a yes.' },
      { op: 'append', text: 'Be brief.' },
    ));
    expect(result).toEqual({ ok: true, text: 'You book tables.\n{{#each task.slots}}\n- {{name}}\n{{/each}}\nNever ask again.\nBook only after a yes.\nBe brief.\n' });
  });

  it('anchors mid-line insert after the whole line', () => {
    const result = applyPatch(PROMPT, patch({ op: 'insert_after', anchor: 'book tables', text: 'Rule.' }));
    expect(result.ok && result.text.startsWith('You book tables.\nRule.\n{{#each')).toBe(true);
  });

  it('does not apply when an anchor is missing or occurs twice, saying which edit and why', () => {
    expect(applyPatch(PROMPT, patch({ op: 'replace', anchor: 'Book when ready.', text: 'x' }, { op: 'replace', anchor: 'not there', text: 'y' }))).toEqual({
      ok: false,
      problem: expect.stringMatching(/^edit 2 \(replace\): the anchor "not there" occurs 0 times in the prompt; an anchor must .* exactly once$/),
    });
    expect(applyPatch('a\na\n', patch({ op: 'insert_after', anchor: 'a', text: 'b' }))).toMatchObject({ ok: false, problem: expect.stringContaining('occurs 2 times') });
  });

  it('does not apply when the result is not a valid template, or nothing changes', () => {
    const validate = (text: string) => {
      if (text.includes('{{#if}}')) throw new Error('broken');
    };
    expect(applyPatch(PROMPT, patch({ op: 'append', text: '{{#if}}' }), validate)).toEqual({ ok: false, problem: 'the patched prompt is not a valid template: broken' });
    expect(applyPatch(PROMPT, patch({ op: 'replace', anchor: 'Book when ready.', text: 'Book when ready.' }))).toEqual({ ok: false, problem: 'the patch changes nothing' });
  });

  it('the schema requires an anchor for anchored edits and rejects unknown ops', () => {
    expect(PromptPatchSchema.safeParse({ rationale: 'r', edits: [{ op: 'replace', text: 'x' }] }).success).toBe(false);
    expect(PromptPatchSchema.safeParse({ rationale: 'r', edits: [{ op: 'delete', anchor: 'x' }] }).success).toBe(false);
    expect(PromptPatchSchema.safeParse({ rationale: 'r', edits: [] }).success).toBe(false);
  });

  it('describes a patch as diff-like lines', () => {
    expect(describePatch(patch({ op: 'replace', anchor: 'old', text: 'new\nline' }))).toBe('replace:\n- old\n+ new\n+ line');
  });
});
