import { applyPatch, type PatchResult } from '../refine/patch.js';
import { ApplyAnswerSchema, type ApplyAnswer } from './apply-schema.js';
import { quoteLine } from './quotes.js';

/** The prompt after the answer's edits (unchanged when it has none); `validate` throws on an invalid template. */
export function revisePrompt(prompt: string, answer: Pick<ApplyAnswer, 'rationale' | 'edits'>, validate: (text: string) => void): PatchResult {
  if (answer.edits.length === 0) return { ok: true, text: prompt };
  return applyPatch(prompt, { rationale: answer.rationale, edits: answer.edits }, validate);
}

/**
 * The answer schema for one prompt and one set of principles: the edits must apply (anchors
 * found exactly once, a valid template after), every principle has exactly one entry, and every
 * quoted line is in the revised prompt. A violation goes back to the model once, with the problem.
 */
export function applyAnswerSchema(prompt: string, ids: readonly string[], validate: (text: string) => void) {
  return ApplyAnswerSchema.superRefine((answer, ctx) => {
    const revised = revisePrompt(prompt, answer, validate);
    if (!revised.ok) {
      ctx.addIssue({ code: 'custom', path: ['edits'], message: `the edits do not apply: ${revised.problem}` });
      return;
    }
    const unknown = answer.implements.filter((i) => !ids.includes(i.principleId)).map((i) => i.principleId);
    if (unknown.length > 0) ctx.addIssue({ code: 'custom', path: ['implements'], message: `unknown principle ${unknown.join(', ')}: use the ids given (${ids.join(', ')})` });
    const missing = ids.filter((id) => answer.implements.filter((i) => i.principleId === id).length !== 1);
    if (missing.length > 0) ctx.addIssue({ code: 'custom', path: ['implements'], message: `give exactly one entry for each principle; check ${missing.join(', ')}` });
    answer.implements.forEach((entry, i) =>
      entry.lines.forEach((line, j) => {
        if (quoteLine(revised.text, line) === undefined) {
          ctx.addIssue({ code: 'custom', path: ['implements', i, 'lines', j], message: 'not in the revised prompt: copy the line exactly as it reads after your edits' });
        }
      }),
    );
  });
}
