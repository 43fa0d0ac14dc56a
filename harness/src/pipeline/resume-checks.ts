import { SlotcheckError } from '../core/errors.js';
import type { RunMeta } from '../report/summary.js';

type BotEntry = RunMeta['bots'][number];

/**
 * A resumed run must test what it started testing, or its halves would not
 * add up: the same scenarios, and bots with the same prompt and the same
 * definition (bot.yaml as parsed, and what the kind reads besides: a prompt
 * bot's template, an HTTP bot's wire, a module's source; `${VAR}`s as
 * written). Throws naming what changed and in which bot.
 */
export function assertSameRun(previous: Pick<RunMeta, 'bots' | 'plan'>, now: Pick<RunMeta, 'bots' | 'plan'>, where: string): void {
  const refuse = (what: string, bot?: BotEntry, detail?: string) =>
    new SlotcheckError('RUN_INVALID', `${where}: ${what} changed since this run started${bot ? ` (bot "${bot.name}")` : ''}${detail ? `: ${detail}` : ''}; a resumed run must test the same ones (start a new run instead)`);
  if (previous.plan?.suiteHash !== now.plan?.suiteHash) throw refuse('the scenarios');
  const before = new Map(previous.bots.map((b) => [b.name, b]));
  if (before.size !== now.bots.length || now.bots.some((b) => !before.has(b.name))) {
    throw refuse('the bots', undefined, `${[...before.keys()].sort().join(', ')} → ${now.bots.map((b) => b.name).sort().join(', ')}`);
  }
  for (const bot of now.bots) {
    const then = before.get(bot.name)!;
    const prompt = (bot.kind ?? 'prompt') === 'prompt';
    if (prompt && then.promptHash !== bot.promptHash) throw refuse('a bot\'s prompt', bot, 'its prompt.md');
    // Runs recorded before definitions were hashed have none to compare: their prompt check stands.
    const definitionChanged = (then.definitionHash ?? bot.definitionHash) !== bot.definitionHash || (!prompt && then.promptHash !== bot.promptHash);
    if (definitionChanged) throw refuse('a bot\'s definition', bot, DEFINED_BY[bot.kind ?? 'prompt']);
  }
}

const DEFINED_BY: Record<NonNullable<BotEntry['kind']>, string> = {
  prompt: 'bot.yaml (task, variables, tool results, model settings)',
  http: 'bot.yaml (task or the HTTP wire)',
  module: 'bot.yaml or the module\'s source',
};
