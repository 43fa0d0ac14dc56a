import { existsSync } from 'node:fs';
import { readTextFile } from '../core/text-file.js';
import { basename, dirname } from 'node:path';
import Handlebars from 'handlebars';
import { A_BOT_OF_KIND } from '../bot/schema.js';
import { loadBot, withPrompt } from '../bot/load.js';
import type { Env } from '../bot/env-vars.js';
import { SlotcheckError } from '../core/errors.js';
import type { BotContext } from './apply.js';

/** A prompt file to revise: its text, the bot it belongs to (when its folder has a bot.yaml), and how to check a revision. */
export interface PromptTarget {
  source: string;
  bot?: BotContext;
  validate: (text: string) => void;
}

/**
 * Reads a prompt file. Beside a bot.yaml it is that bot's prompt: a revision must render as its
 * template (every variable known). Elsewhere a revision must at least parse as Handlebars.
 */
export async function readPromptTarget(promptFile: string, display: (path: string) => string, env: Env = {}): Promise<PromptTarget> {
  if (!existsSync(promptFile)) throw new SlotcheckError('INPUT_NOT_FOUND', `${display(promptFile)}: no such prompt file`);
  const source = readTextFile(promptFile, display(promptFile), 'TEMPLATE_INVALID');
  const botDir = dirname(promptFile);
  if (!['bot.yaml', 'bot.yml', 'bot.json'].some((f) => existsSync(`${botDir}/${f}`))) {
    return { source, validate: (text) => void Handlebars.parse(text) };
  }
  const bot = await loadBot(dirname(botDir), basename(botDir), display, env);
  if (bot.kind !== 'prompt') throw new SlotcheckError('USAGE', `${display(promptFile)}: bot "${bot.name}" is ${A_BOT_OF_KIND[bot.kind]}; guide apply revises the prompt of a prompt bot`);
  return {
    source,
    bot: { name: bot.name, description: bot.settings.description, task: bot.task },
    validate: (text) => void withPrompt(bot, text, `the revised ${display(promptFile)}`),
  };
}
