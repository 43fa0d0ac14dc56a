import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SlotcheckError } from '../core/errors.js';
import { contentHash } from '../core/hash.js';
import { assertInside } from '../core/paths.js';
import { compileTemplate } from '../core/template.js';
import { readTextFile } from '../core/text-file.js';
import { checkPrintedVariables } from './printed-variables.js';
import { checkToolMocks, savedLists } from './check-tool-mocks.js';
import { readEnvVar, resolveEnvVars } from './env-vars.js';
import type { BotFileContext } from './bot-file.js';
import { PromptBotFileSchema, type PromptBotDefinition, type PromptContext } from './schema.js';

/** A prompt bot: bot.yaml (task, settings, its own endpoint if any) and prompt.md, a Handlebars template. */
export async function loadPromptBot(context: BotFileContext): Promise<PromptBotDefinition> {
  const { name, dir, botsDir, doc, display } = context;
  const file = doc.check(PromptBotFileSchema);
  checkToolMocks(file.toolMocks, file.task, doc, ['toolMocks'], savedLists(file.toolMocks));
  for (const action of Object.keys(file.toolResults)) {
    if (!file.task.actions.some((a) => a.name === action)) throw doc.errorAt(['toolResults', action], `action "${action}" is not in the task (known actions: ${file.task.actions.map((a) => a.name).join(', ') || 'none'})`);
  }
  const promptFile = join(dir, 'prompt.md');
  if (!existsSync(promptFile)) throw new SlotcheckError('BOT_INVALID', `${display(promptFile)}: missing; a bot needs a prompt template`);
  assertInside(botsDir, promptFile, `the prompt of bot "${name}"`, display);
  const promptSource = readTextFile(promptFile, display(promptFile), 'TEMPLATE_INVALID');
  const { task, $schema: _schema, kind: _kind, ...settings } = file;
  const secrets: string[] = [];
  const endpoint = endpointOf(settings, context, secrets);
  return withPrompt({ name, dir, file: context.file, task, description: settings.description, settings, secrets, ...(endpoint ? { endpoint } : {}) }, promptSource, display(promptFile));
}

/** The bot's own endpoint: its `baseURL` and the key its `apiKeyEnv` names (none given: the run's default). */
function endpointOf(settings: PromptBotDefinition['settings'], { doc, env }: BotFileContext, secrets: string[]): PromptBotDefinition['endpoint'] {
  if (!settings.baseURL && !settings.apiKeyEnv) return undefined;
  const apiKey = settings.apiKeyEnv ? readEnvVar(settings.apiKeyEnv, ['apiKeyEnv'], env, doc, secrets) : undefined;
  // A bot without its own baseURL but with its own key talks to the default endpoint with that key.
  const baseURL = settings.baseURL ? resolveEnvVars(settings.baseURL, ['baseURL'], env, doc, secrets) : (env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1');
  if (!/^https?:\/\//i.test(baseURL) || !URL.canParse(baseURL)) throw doc.errorAt(['baseURL'], 'baseURL must be an http(s) URL, e.g. http://localhost:11434/v1');
  return { baseURL, ...(apiKey ? { apiKey } : {}) };
}

/**
 * A prompt bot with the given prompt template (compiled and test-rendered
 * here, so a misspelt variable fails before any conversation). Used for
 * prompts on disk and for patched prompts that refine verifies in memory.
 */
export function withPrompt(bot: Omit<PromptBotDefinition, 'kind' | 'promptSource' | 'renderPrompt' | 'definitionHash'>, promptSource: string, file: string): PromptBotDefinition {
  const template = compileTemplate(promptSource, file, { noEscape: true });
  const { name, settings, task } = bot;
  const result: PromptBotDefinition = {
    ...bot,
    kind: 'prompt',
    promptSource,
    definitionHash: contentHash({ kind: 'prompt', settings, task, promptSource }),
    renderPrompt: (context: PromptContext) => template({ ...context, task, bot: { name, description: settings.description }, vars: settings.variables }),
  };
  checkPrintedVariables(promptSource, settings.variables, file, result.renderPrompt({ today: '2000-01-01' }));
  return result;
}
