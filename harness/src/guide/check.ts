import { existsSync } from 'node:fs';
import { readTextFile } from '../core/text-file.js';
import * as z from 'zod';
import { SlotcheckError } from '../core/errors.js';
import type { ChatModel } from '../model/chat-model.js';
import { DEFAULT_GUIDE_NAME, guidePaths, loadGuide } from './store.js';
import { askStructured, loadMetaPrompts } from '../refine/meta-prompts.js';
import { containsQuote } from './quotes.js';

export const GuideVerdictSchema = z.enum(['follows', 'violates', 'silent']);
export type GuideVerdict = z.infer<typeof GuideVerdictSchema>;

export interface GuideCheckOptions {
  promptFile: string;
  guidesDir: string;
  guideName?: string;
  metaModelName: string;
}

/** Which principles of a guide a prompt follows or violates, quoting the prompt. */
export interface GuideCheckResult {
  guide: { name: string; title: string; file: string };
  promptFile: string;
  results: Array<{ principleId: string; title: string; status: 'verified' | 'unverified-seed'; verdict: GuideVerdict; quote: string; explanation: string }>;
}

/** The model's answer: one result per principle, and every quote found in the prompt. */
function checkSchema(ids: [string, ...string[]], prompt: string) {
  return z
    .object({ results: z.array(z.object({ principleId: z.enum(ids), verdict: GuideVerdictSchema, quote: z.string(), explanation: z.string() })) })
    .superRefine((answer, ctx) => {
      const missing = ids.filter((id) => answer.results.filter((r) => r.principleId === id).length !== 1);
      if (missing.length > 0) ctx.addIssue({ code: 'custom', path: ['results'], message: `give exactly one result for each principle; check ${missing.join(', ')}` });
      answer.results.forEach((r, i) => {
        if (r.verdict !== 'silent' && !containsQuote(prompt, r.quote)) {
          ctx.addIssue({ code: 'custom', path: ['results', i, 'quote'], message: `for "${r.verdict}", quote words copied exactly from the prompt` });
        }
      });
    });
}

/** `slotcheck guide check`: a model reads the prompt against each principle; its answer is validated, quotes included. */
export async function checkPromptAgainstGuide(options: GuideCheckOptions, deps: { model: ChatModel; display?: (p: string) => string; signal?: AbortSignal; secrets?: readonly string[] }): Promise<GuideCheckResult> {
  const display = deps.display ?? ((p: string) => p);
  const name = options.guideName ?? DEFAULT_GUIDE_NAME;
  const file = guidePaths(options.guidesDir, name).json;
  if (!existsSync(file)) throw new SlotcheckError('INPUT_NOT_FOUND', `no guide ${display(file)}: run \`slotcheck refine\` first, or pass --guide NAME`);
  if (!existsSync(options.promptFile)) throw new SlotcheckError('INPUT_NOT_FOUND', `${display(options.promptFile)}: no such prompt file`);
  const guide = await loadGuide(options.guidesDir, name, display);
  if (guide.principles.length === 0) throw new SlotcheckError('USAGE', `${display(file)} has no principles yet: run \`slotcheck refine\` first`);
  const prompt = readTextFile(options.promptFile, display(options.promptFile), 'TEMPLATE_INVALID');
  const principles = guide.principles.map(({ id, title, statement, howToApply, antiPattern, failureClasses }) => ({ id, title, statement, howToApply, antiPattern, failureClasses }));
  const text = (await loadMetaPrompts()).check({ guide, principles, prompt: prompt.trimEnd() });
  const ids = guide.principles.map((p) => p.id) as [string, ...string[]];
  const answer = await askStructured(deps.model, { modelName: options.metaModelName, prompt: text, schema: checkSchema(ids, prompt), secrets: deps.secrets ?? [], ...(deps.signal ? { signal: deps.signal } : {}) });
  if (!answer.ok) throw new SlotcheckError(answer.outcome === 'api-error' ? 'MODEL_CONNECTION' : 'MODEL_OUTPUT_INVALID', `guide check: ${answer.problem}`);
  const byId = new Map(answer.value.results.map((r) => [r.principleId, r]));
  return {
    guide: { name, title: guide.title, file: display(file) },
    promptFile: display(options.promptFile),
    results: guide.principles.map((p) => {
      const { verdict, quote, explanation } = byId.get(p.id)!;
      return { principleId: p.id, title: p.title, status: p.status, verdict, quote, explanation };
    }),
  };
}
