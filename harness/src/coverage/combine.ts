import type { Task } from '../bot/task.js';
import { FailureClassSchema } from '../detect/failure.js';
import type { RunCoverageBuilder, RunOccurrences } from './run-coverage.js';
import { mainAction } from '../scenario/main-action.js';
import type { BotCoverage, Coverage, CoverageCell } from './schema.js';

/**
 * The suite's coverage with what happened in the run added: each cell gets
 * `occurred`, each class the conversations it was found in. A bot or task
 * the suite does not know (recorded conversations) gets a table of what
 * happened only.
 */
export function withOccurrences(coverage: Coverage | undefined, run: RunCoverageBuilder): Coverage {
  const bots = new Map((coverage?.bots ?? []).map((b) => [b.bot, structuredClone(b)]));
  for (const [key, seen] of run.byKey) {
    const bot = bots.get(key) ?? skeleton(key, seen);
    bots.set(key, addOccurred(bot, seen));
  }
  return { schemaVersion: 1, bots: [...bots.values()].sort((a, b) => a.bot.localeCompare(b.bot)) };
}

function addOccurred(bot: BotCoverage, seen: RunOccurrences): BotCoverage {
  const at = (cell: CoverageCell, n: number): CoverageCell => ({ ...cell, occurred: n });
  return {
    ...bot,
    conversations: seen.conversations,
    withUserActs: seen.withUserActs,
    slots: bot.slots.map((row) => {
      const n = seen.slots.get(row.slot);
      return { ...row, volunteered: at(row.volunteered, n?.volunteered ?? 0), asked: at(row.asked, n?.asked ?? 0), correctedAtConfirmation: at(row.correctedAtConfirmation, n?.correctedAtConfirmation ?? 0), correctedNextTurn: at(row.correctedNextTurn, n?.correctedNextTurn ?? 0), leftOut: at(row.leftOut, n?.leftOut ?? 0) };
    }),
    policies: bot.policies.map((p) => ({ ...p, cell: at(p.cell, seen.policies.get(`${p.confirmation}/${p.goAhead}`) ?? 0) })),
    endings: { action: at(bot.endings.action, seen.endings.action), noAction: at(bot.endings.noAction, seen.endings.noAction), refused: at(bot.endings.refused, seen.endings.refused) },
    tools: { success: at(bot.tools.success, seen.tools.success), failure: at(bot.tools.failure, seen.tools.failure), retry: at(bot.tools.retry, seen.tools.retry) },
    classes: bot.classes.map((c) => ({ ...c, found: seen.found.get(c.class)?.size ?? 0 })),
  };
}

function skeleton(key: string, seen: RunOccurrences & { task: Task }): BotCoverage {
  const { task } = seen;
  const action = mainAction(task);
  const empty = {};
  return {
    bot: key,
    task: task.name,
    action: action?.name ?? null,
    slots: [...seen.slots.keys()].map((slot) => ({ slot, volunteered: empty, asked: empty, correctedAtConfirmation: empty, correctedNextTurn: empty, leftOut: empty })),
    policies: [],
    endings: { action: empty, noAction: empty, refused: empty },
    tools: { success: empty, failure: empty, retry: empty },
    classes: FailureClassSchema.options.map((cls) => ({ class: cls, examples: [] })),
  };
}
