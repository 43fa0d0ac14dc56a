import type { Env } from '../bot/env-vars.js';
import { existsSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { SlotcheckError } from '../core/errors.js';
import { writeFileAtomic } from '../core/files.js';
import { contentHash } from '../core/hash.js';
import { unifiedDiff } from '../core/line-diff.js';
import type { ChatModel } from '../model/chat-model.js';
import { loadMetaPrompts } from '../refine/meta-prompts.js';
import { applyPrinciples, renderApplyPrompt } from './apply.js';
import type { AppliedPromptRecord } from './apply-schema.js';
import { readPromptTarget } from './prompt-target.js';
import { selectPrinciples } from './select.js';
import { DEFAULT_GUIDE_NAME, guidePaths, loadGuide } from './store.js';

/** `slotcheck guide apply PROMPT`. */
export interface GuideApplyOptions {
  promptFile: string;
  guidesDir: string;
  guideName?: string;
  /** Principles to apply (default: every verified one). */
  principleIds?: string[];
  /** The revised prompt (default: <prompt>.applied.md beside it); the diff and record go beside it. */
  outFile?: string;
  /** The model that revises the prompt; needed with `deps.model`. */
  metaModelName?: string;
  /** Where bot files' `${VAR}`s are read from (the CLI passes the process environment). */
  env?: Env;
}

/** I/O of the guide commands, injected; without `model` they are offline: they return the meta-prompts they would send and change nothing. */
export interface GuideCommandDeps {
  model?: ChatModel;
  clock: () => Date;
  display?: (path: string) => string;
  /** Progress lines (stderr on a terminal). */
  log?: (line: string) => void;
  /** Redacted from anything recorded. */
  secrets?: readonly string[];
  signal?: AbortSignal;
}

export type GuideApplyResult =
  | { mode: 'offline'; metaPrompt: string; principleIds: string[] }
  | { mode: 'unchanged'; record: AppliedPromptRecord }
  | { mode: 'applied'; record: AppliedPromptRecord; diff: string };

/** Where the revised prompt, its diff and its record go. */
export function appliedPaths(promptFile: string, outFile?: string): { prompt: string; diff: string; record: string } {
  const prompt = outFile ?? join(dirname(promptFile), `${basename(promptFile, extname(promptFile))}.applied${extname(promptFile) || '.md'}`);
  const stem = extname(prompt) ? prompt.slice(0, -extname(prompt).length) : prompt;
  return { prompt, diff: `${stem}.diff`, record: `${stem}.json` };
}

/**
 * Revises a prompt so that it follows the chosen principles of a guide: the model's minimal patch,
 * checked (edits apply, quotes found in the revised prompt), written beside the prompt with a
 * diff and a record of the lines that follow each principle. Offline: only the meta-prompt.
 */
export async function applyGuideToPrompt(options: GuideApplyOptions, deps: GuideCommandDeps): Promise<GuideApplyResult> {
  const display = deps.display ?? ((p: string) => p);
  const name = options.guideName ?? DEFAULT_GUIDE_NAME;
  const guideFile = guidePaths(options.guidesDir, name).json;
  if (!existsSync(guideFile)) throw new SlotcheckError('INPUT_NOT_FOUND', `no guide ${display(guideFile)}: run \`slotcheck refine\` first, or pass --guide NAME`);
  const guide = await loadGuide(options.guidesDir, name, display);
  const principles = selectPrinciples(guide, options.principleIds, display(guideFile));
  const target = await readPromptTarget(options.promptFile, display, options.env);
  const request = { guide, principles, promptSource: target.source, validate: target.validate, ...(target.bot ? { bot: target.bot } : {}) };
  const prompts = await loadMetaPrompts();
  if (!deps.model) return { mode: 'offline', metaPrompt: renderApplyPrompt(prompts, request), principleIds: principles.map((p) => p.id) };
  if (!options.metaModelName) throw new SlotcheckError('USAGE', 'guide apply needs --model NAME: the model that revises the prompt');
  const env = { model: deps.model, metaModelName: options.metaModelName, prompts, secrets: deps.secrets ?? [], ...(deps.signal ? { signal: deps.signal } : {}) };
  const applied = await applyPrinciples(request, env);
  if (!applied.ok) throw new SlotcheckError(applied.outcome === 'api-error' ? 'MODEL_CONNECTION' : 'MODEL_OUTPUT_INVALID', `guide apply: ${applied.problem}`);
  const paths = appliedPaths(options.promptFile, options.outFile);
  const record: AppliedPromptRecord = {
    schemaVersion: 1, date: deps.clock().toISOString(),
    guide: { name, title: guide.title, file: display(guideFile) },
    promptFile: display(options.promptFile), outFile: display(paths.prompt), diffFile: display(paths.diff),
    promptHash: contentHash(target.source), revisedPromptHash: contentHash(applied.value.revised), metaModel: options.metaModelName,
    ...(applied.value.patch ? { patch: applied.value.patch } : {}),
    principles: applied.value.principles,
  };
  if (!applied.value.patch) return { mode: 'unchanged', record };
  const diff = unifiedDiff(target.source, applied.value.revised, { from: display(options.promptFile), to: display(paths.prompt) });
  // The record last: its presence says the prompt and diff beside it are complete.
  await writeFileAtomic(paths.prompt, applied.value.revised);
  await writeFileAtomic(paths.diff, diff);
  await writeFileAtomic(paths.record, `${JSON.stringify(record, null, 2)}\n`);
  return { mode: 'applied', record, diff };
}
