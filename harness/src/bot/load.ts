import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SlotcheckError } from '../core/errors.js';
import { parseLocatedDocument, type LocatedDocument } from '../core/located-parse.js';
import { readTextFile } from '../core/text-file.js';
import type { BotFileContext } from './bot-file.js';
import { assertInside } from '../core/paths.js';
import type { Env } from './env-vars.js';
import { loadHttpBot } from './load-http.js';
import { loadModuleBot } from './load-module.js';
import { loadPromptBot } from './load-prompt.js';
import { BotKindSchema, type BotDefinition, type BotKind } from './schema.js';

export { withPrompt } from './load-prompt.js';
export type { BotFileContext } from './bot-file.js';

const BOT_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const SETTINGS_FILES = ['bot.yaml', 'bot.yml', 'bot.json'];

/**
 * Loads `bots/<name>/`: `bot.yaml` (its `kind`, default `prompt`, picks the
 * schema) and what the kind needs: `prompt.md` for a prompt bot, the wire
 * for an HTTP bot, the module for a module bot. `${VAR}`s are read from
 * `env`; everything is checked here, so a bad bot fails before any conversation.
 */
export async function loadBot(botsDir: string, name: string, display: (path: string) => string = (p) => p, env: Env = {}): Promise<BotDefinition> {
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
  const file = display(settingsFile);
  const doc = parseLocatedDocument(readTextFile(settingsFile, file, 'BOT_INVALID'), file, 'BOT_INVALID');
  const context: BotFileContext = { name, dir, botsDir, file, doc, env, display };
  switch (kindOf(doc)) {
    case 'http':
      return loadHttpBot(context);
    case 'module':
      return loadModuleBot(context);
    default:
      return loadPromptBot(context);
  }
}

/** The file's `kind`: absent means `prompt`, so every bot.yaml written before kinds existed loads unchanged. */
function kindOf(doc: LocatedDocument): BotKind {
  const raw = doc.value;
  const kind = raw && typeof raw === 'object' && 'kind' in raw ? (raw as { kind: unknown }).kind : undefined;
  if (kind === undefined) return 'prompt';
  const parsed = BotKindSchema.safeParse(kind);
  if (!parsed.success) throw doc.errorAt(['kind'], `unknown bot kind ${JSON.stringify(kind)} (known: ${BotKindSchema.options.join(', ')})`);
  return parsed.data;
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
