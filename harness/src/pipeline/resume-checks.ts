import { SlotcheckError } from '../core/errors.js';
import type { RunMeta } from '../report/summary.js';

type BotEntry = RunMeta['bots'][number];

/**
 * A resumed run must test what it started testing, or its halves would not
 * add up: the same scenarios, and bots with the same prompt and the same
 * definition (bot.yaml as parsed: task, variables, tool results, model
 * settings; and the prompt it renders). Returns nothing; throws naming what changed.
 */
export function assertSameRun(previous: Pick<RunMeta, 'bots' | 'plan'>, now: Pick<RunMeta, 'bots' | 'plan'>, where: string): void {
  const changed = previous.plan?.suiteHash !== now.plan?.suiteHash ? 'the scenarios' : changedBots(previous.bots, now.bots);
  if (changed) throw new SlotcheckError('RUN_INVALID', `${where}: ${changed} changed since this run started; a resumed run must test the same ones (start a new run instead)`);
}

function changedBots(before: readonly BotEntry[], now: readonly BotEntry[]): string | undefined {
  const names = (bots: readonly BotEntry[]) => bots.map((b) => b.name).sort().join(', ');
  if (names(before) !== names(now)) return `the bots (${names(before)} → ${names(now)})`;
  for (const bot of before) {
    const current = now.find((b) => b.name === bot.name)!;
    if (bot.promptHash !== current.promptHash) return `the prompt of bot "${bot.name}" (prompt.md)`;
    // Runs recorded before definitions were hashed have no hash to compare: their prompt check stands.
    if (bot.definitionHash && bot.definitionHash !== current.definitionHash) return `the definition of bot "${bot.name}" (bot.yaml: task, variables, tool results or model settings)`;
  }
  return undefined;
}
