import { existsSync } from 'node:fs';
import { SlotcheckError } from '../core/errors.js';
import type { ChatModel } from '../model/chat-model.js';
import { loadMetaPrompts } from '../refine/meta-prompts.js';
import { checkPromptAgainstGuide, type GuideCheckResult } from './check.js';
import { checkGuideHealth, type GuideHealth } from './health.js';
import { DEFAULT_GUIDE_NAME, guidePaths, loadGuide } from './store.js';

/** `slotcheck guide check [PROMPT]`: the guide's health, and with a prompt, which principles it follows. */
export interface GuideCheckAllOptions {
  guidesDir: string;
  guideName?: string;
  promptFile?: string;
  metaModelName?: string;
}

export interface GuideCheckAllResult {
  guide: { name: string; title: string; file: string };
  health: GuideHealth;
  prompt?: GuideCheckResult;
  /** 1 a contradiction or a violated principle; 3 the contradiction judge could not answer; else 0. */
  exitCode: number;
}

/** Health first (offline: without contradictions, their meta-prompt instead); checking a prompt needs a model. */
export async function checkGuide(options: GuideCheckAllOptions, deps: { model?: ChatModel; display?: (p: string) => string; secrets?: readonly string[]; signal?: AbortSignal }): Promise<GuideCheckAllResult> {
  const display = deps.display ?? ((p: string) => p);
  const name = options.guideName ?? DEFAULT_GUIDE_NAME;
  const file = guidePaths(options.guidesDir, name).json;
  if (!existsSync(file)) throw new SlotcheckError('INPUT_NOT_FOUND', `no guide ${display(file)}: run \`slotcheck refine\` first, or pass --guide NAME`);
  if (options.promptFile && !deps.model) throw new SlotcheckError('MODEL_NOT_CONFIGURED', 'guide check needs a model to read a prompt: set OPENAI_BASE_URL and/or OPENAI_API_KEY, and pass --model (without PROMPT it checks the guide\'s health offline)');
  const guide = await loadGuide(options.guidesDir, name, display);
  const signal = deps.signal ? { signal: deps.signal } : {};
  const env = deps.model && options.metaModelName ? { model: deps.model, metaModelName: options.metaModelName, secrets: deps.secrets ?? [], ...signal } : undefined;
  const health = await checkGuideHealth(guide, await loadMetaPrompts(), env);
  const prompt = options.promptFile && env ? await checkPromptAgainstGuide({ promptFile: options.promptFile, guidesDir: options.guidesDir, guideName: name, metaModelName: env.metaModelName }, { ...env, display }) : undefined;
  const findings = (health.contradictions?.length ?? 0) > 0 || (prompt?.results.some((r) => r.verdict === 'violates') ?? false);
  return { guide: { name, title: guide.title, file: display(file) }, health, ...(prompt ? { prompt } : {}), exitCode: findings ? 1 : health.problem ? 3 : 0 };
}
