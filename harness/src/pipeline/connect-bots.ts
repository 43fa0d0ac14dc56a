import type { BotDriver } from '../bot/driver.js';
import { connectHttpBot } from '../bot/http-bot.js';
import { connectModuleBot } from '../bot/module-bot.js';
import { connectPromptBot } from '../bot/prompt-bot.js';
import type { BotDefinition, PromptBotDefinition } from '../bot/schema.js';
import { SlotcheckError } from '../core/errors.js';
import type { ModelPool } from '../model/model-pool.js';

/**
 * Connects each bot of a run, before anything is written: a prompt bot to
 * its endpoint's model client (its own `baseURL`, else the run's default),
 * an HTTP bot to its transport, a module bot to its queue. A prompt bot with
 * no model name or no endpoint is a usage error here.
 */
export async function connectBots(bots: Iterable<BotDefinition>, models: ModelPool, options: { modelName?: string; maxToolRounds?: number }): Promise<Map<string, BotDriver>> {
  const drivers = new Map<string, BotDriver>();
  try {
    for (const bot of bots) drivers.set(bot.name, await connectBot(bot, models, options));
  } catch (error) {
    await closeBots(drivers);
    throw error;
  }
  return drivers;
}

function connectBot(bot: BotDefinition, models: ModelPool, options: { modelName?: string; maxToolRounds?: number }): BotDriver | Promise<BotDriver> {
  switch (bot.kind) {
    case 'prompt':
      return connectPromptBot(bot, bot.endpoint ? models.forEndpoint(bot.endpoint) : models.defaultModel(), modelNameOf(bot, options.modelName), options);
    case 'http':
      return connectHttpBot(bot, models.botCalls);
    case 'module':
      return connectModuleBot(bot, models.botCalls);
  }
}

/** `--model` overrides a prompt bot's `model`; one of them is needed. */
function modelNameOf(bot: PromptBotDefinition, override: string | undefined): string {
  const name = override ?? bot.settings.model;
  if (!name) throw new SlotcheckError('MODEL_NOT_CONFIGURED', `no model for bot "${bot.name}": pass --model or set "model:" in ${bot.file}`);
  return name;
}

/** The version of what each bot tested, for transcripts and reports: a prompt bot's template, another bot's definition. */
export function promptHashOf(bot: BotDefinition, hash: (text: string) => string): string {
  return bot.kind === 'prompt' ? hash(bot.promptSource) : bot.definitionHash;
}

/** Closes every bot (connections, module resources); a bot that fails to close does not stop the others. */
export async function closeBots(drivers: ReadonlyMap<string, BotDriver>): Promise<void> {
  await Promise.allSettled([...drivers.values()].map((driver) => driver.close()));
}
