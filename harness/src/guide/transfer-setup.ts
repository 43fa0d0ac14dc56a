import { A_BOT_OF_KIND } from '../bot/schema.js';
import { SlotcheckError } from '../core/errors.js';
import { newRunId } from '../pipeline/run-setup.js';
import type { Suite } from '../scenario/load.js';
import type { TransferTarget } from './transfer.js';

/** Sortable and unique, like a run id: transfer-20261124-211300-a1b2. */
export function newCheckId(at: Date): string {
  return `transfer-${newRunId(at)}`;
}

/** The named bots with their scenarios in the suite; a bot without scenarios there cannot be checked. */
export function transferTargets(suite: Suite, bots: readonly string[], where: string): TransferTarget[] {
  const known = [...suite.bots.keys()].sort();
  return [...new Set(bots)].map((name) => {
    const bot = suite.bots.get(name);
    if (!bot) throw new SlotcheckError('UNKNOWN_BOT', `no scenario in ${where} uses bot "${name}": a transfer check runs the bot's own suite (bots with scenarios there: ${known.join(', ') || 'none'})`);
    if (bot.kind !== 'prompt') throw new SlotcheckError('USAGE', `bot "${name}" is ${A_BOT_OF_KIND[bot.kind]}: a transfer check revises a prompt, and only a prompt bot's prompt is slotcheck's to change`);
    return { bot, scenarios: suite.scenarios.filter((s) => s.bot === name) };
  });
}
