import * as z from 'zod';
import type { ChatModel } from '../model/chat-model.js';
import type { FailureGroup } from './evidence.js';
import { PrincipleTextSchema, type Guide, type PrincipleText, type VerifiedFixProvenance } from '../guide/schema.js';
import type { MergeVerdict } from '../guide/merge.js';
import { askStructured, classContext, excerptView, type AskResult, type MetaPrompts } from './meta-prompts.js';
import { describePatch, type PromptPatch } from './patch.js';

/** The model side of generalising: the meta-prompts and who answers them. */
export interface GeneraliseEnv {
  model: ChatModel;
  metaModelName: string;
  prompts: MetaPrompts;
  secrets: readonly string[];
  signal?: AbortSignal;
}

/** Asks for the general rule a verified fix teaches (the second meta-prompt). */
export async function extractPrinciple(
  input: { group: FailureGroup; promptBefore: string; patch: PromptPatch; passRates: VerifiedFixProvenance['passRates'] },
  env: GeneraliseEnv,
): Promise<AskResult<PrincipleText>> {
  const prompt = env.prompts.principle({
    failureClass: classContext(input.group.failureClass),
    excerpts: excerptView(input.group.excerpts),
    prompt: input.promptBefore.trimEnd(),
    rationale: input.patch.rationale,
    patch: describePatch(input.patch),
    passRates: input.passRates,
  });
  return askStructured(env.model, { modelName: env.metaModelName, prompt, schema: PrincipleTextSchema, secrets: env.secrets, ...(env.signal ? { signal: env.signal } : {}) });
}

/** The judge's answer; `principleId` can only name a principle the guide has. */
function judgeSchema(ids: [string, ...string[]]) {
  return z
    .object({
      verdict: z.enum(['same', 'refines', 'new']),
      principleId: z.enum(ids).optional(),
      reason: z.string(),
      merged: PrincipleTextSchema.omit({ category: true }).optional(),
    })
    .superRefine((answer, ctx) => {
      if (answer.verdict !== 'new' && !answer.principleId) ctx.addIssue({ code: 'custom', path: ['principleId'], message: `required for "${answer.verdict}": one of ${ids.join(', ')}` });
      if (answer.verdict === 'refines' && !answer.merged) ctx.addIssue({ code: 'custom', path: ['merged'], message: 'required for "refines": the existing principle rewritten' });
    });
}

/**
 * Same, refines or new, judged by the model against the guide's verified
 * principles (none: new, no call). If the judge fails, the principle is added
 * as new, with a note to review: losing it would be worse than a duplicate.
 */
export async function judgeCandidate(guide: Guide, candidate: PrincipleText, env: GeneraliseEnv): Promise<{ verdict: MergeVerdict; reason: string }> {
  const existing = guide.principles.filter((p) => p.status === 'verified');
  if (existing.length === 0) return { verdict: { verdict: 'new' }, reason: 'the guide had no verified principle yet' };
  const ids = existing.map((p) => p.id) as [string, ...string[]];
  const prompt = env.prompts.judge({
    candidate,
    existing: existing.map(({ id, title, statement, category, failureClasses }) => ({ id, title, statement, category, failureClasses })),
  });
  const answer = await askStructured(env.model, { modelName: env.metaModelName, prompt, schema: judgeSchema(ids), secrets: env.secrets, ...(env.signal ? { signal: env.signal } : {}) });
  if (!answer.ok) return { verdict: { verdict: 'new' }, reason: `the same/refines/new judge failed (${answer.problem}); added as new: review the guide for a duplicate` };
  const { verdict, principleId, merged, reason } = answer.value;
  if (verdict === 'same') return { verdict: { verdict, principleId: principleId! }, reason };
  if (verdict === 'refines') return { verdict: { verdict, principleId: principleId!, merged: merged! }, reason };
  return { verdict: { verdict: 'new' }, reason };
}
