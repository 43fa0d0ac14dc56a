import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SlotcheckError } from '../core/errors.js';
import { parseLocatedDocument } from '../core/located-parse.js';
import { readTextFile } from '../core/text-file.js';
import { BotFileSchema, type Bot, type PromptContext } from './schema.js';
import { compileTemplate } from '../core/template.js';
import { assertInside } from '../core/paths.js';
import { checkPrintedVariables } from './printed-variables.js';
import { definitionHash, HASH_RENDER_DATE } from './definition-hash.js';

const BOT_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const SETTINGS_FILES = ['bot.yaml', 'bot.yml', 'bot.json'];

/**
 * Loads `bots/<name>/`: `bot.yaml` (task and settings) and `prompt.md` (a
 * Handlebars template). The template is rendered once here, so a misspelt
 * variable fails before any conversation starts.
 */
export async function loadBot(botsDir: string, name: string, display: (path: string) => string = (p) => p): Promise<Bot> {
  if (/[\\/]|^\.\.?$/.test(name)) {
    throw new SlotcheckError('PATH_OUTSIDE_PROJECT', `bot "${name}" is a path; a bot is named by its folder under ${display(botsDir)}, and files outside it are never read`);
  }
  if (!BOT_NAME.test(name)) {
    throw new SlotcheckError('UNKNOWN_BOT', `bot name "${name}" is not a folder name under ${display(botsDir)} (letters, digits, "_" and "-")`);
  }
  const dir = join(botsDir, name);
  const settingsFile = SETTINGS_FILES.map((f) => join(dir, f)).find((f) => existsSync(f));
  if (!settingsFile) {
    throw new SlotcheckError('UNKNOWN_BOT', `bot "${name}" not found: expected ${display(join(dir, 'bot.yaml'))}`);
  }
  assertInside(botsDir, settingsFile, `bot "${name}"`, display);
  const doc = parseLocatedDocument(readTextFile(settingsFile, display(settingsFile), 'BOT_INVALID'), display(settingsFile), 'BOT_INVALID');
  const file = doc.check(BotFileSchema);
  for (const action of Object.keys(file.toolResults)) {
    if (!file.task.actions.some((a) => a.name === action)) throw doc.errorAt(['toolResults', action], `action "${action}" is not in the task (known actions: ${file.task.actions.map((a) => a.name).join(', ') || 'none'})`);
  }
  const promptFile = join(dir, 'prompt.md');
  if (!existsSync(promptFile)) throw new SlotcheckError('BOT_INVALID', `${display(promptFile)}: missing; a bot needs a prompt template`);
  assertInside(botsDir, promptFile, `the prompt of bot "${name}"`, display);
  const promptSource = readTextFile(promptFile, display(promptFile), 'TEMPLATE_INVALID');
  const { task, $schema: _schema, ...settings } = file;
  return withPrompt({ name, dir, settings, task }, promptSource, display(promptFile));
}

/**
 * A bot with the given prompt template (compiled and test-rendered here, so a
 * misspelt variable fails before any conversation). Used for prompts on disk
 * and for patched prompts that refine verifies in memory.
 */
export function withPrompt(bot: Pick<Bot, 'name' | 'dir' | 'settings' | 'task'>, promptSource: string, file: string): Bot {
  const template = compileTemplate(promptSource, file, { noEscape: true });
  const { name, settings, task } = bot;
  const renderPrompt = (context: PromptContext) => template({ ...context, task, bot: { name, description: settings.description }, vars: settings.variables });
  const rendered = renderPrompt({ today: HASH_RENDER_DATE });
  checkPrintedVariables(promptSource, settings.variables, file, rendered);
  return { ...bot, promptSource, renderPrompt, definitionHash: definitionHash({ settings, task, promptSource }, rendered) };
}

/** Names of the bot folders under `botsDir`. */
export async function listBots(botsDir: string): Promise<string[]> {
  const { readdir } = await import('node:fs/promises');
  if (!existsSync(botsDir)) return [];
  const entries = await readdir(botsDir, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory() && SETTINGS_FILES.some((f) => existsSync(join(botsDir, e.name, f)))).map((e) => e.name).sort();
}

export function displayPath(root: string): (path: string) => string {
  return (path) => {
    const rel = relative(root, path);
    return rel && !rel.startsWith('..') ? rel : path;
  };
}
