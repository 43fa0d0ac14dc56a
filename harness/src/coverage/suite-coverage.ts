import type { BotDefinition } from '../bot/schema.js';
import type { Scenario } from '../scenario/schema.js';
import { classReach } from './class-reach.js';
import { mainAction } from '../scenario/main-action.js';
import { giveLevels } from '../scenario/matrix.js';
import { situationsOf, type ScenarioSituations } from './scenario-situations.js';
import type { BotCoverage, Coverage, CoverageCell } from './schema.js';

const POLICIES = [
  ['affirm', 'when-asked'],
  ['affirm-and-go-ahead', 'when-asked'],
  ['affirm', 'never'],
  ['affirm-and-go-ahead', 'never'],
] as const;

/** What a suite sets up, per bot: from the scenarios alone, before anything runs. */
export function suiteCoverage(suite: { scenarios: readonly Scenario[]; bots: ReadonlyMap<string, BotDefinition> }): Coverage {
  const bots = [...suite.bots.values()].sort((a, b) => a.name.localeCompare(b.name));
  return { schemaVersion: 1, bots: bots.map((bot) => botCoverage(bot, suite.scenarios.filter((s) => s.bot === bot.name))) };
}

function botCoverage(bot: BotDefinition, scenarios: Scenario[]): BotCoverage {
  const action = mainAction(bot.task);
  const entries = scenarios.map((scenario) => ({ scenario, situations: situationsOf(scenario, action) }));
  const count = (has: (s: ScenarioSituations) => boolean): CoverageCell => ({ scenarios: entries.filter((e) => has(e.situations)).length });
  const mocked = (cell: CoverageCell): CoverageCell => (bot.kind === 'prompt' ? cell : { ...cell, applies: false });
  const slots = action ? [...action.required, ...action.optional] : [];
  return {
    bot: bot.name,
    task: bot.task.name,
    action: action?.name ?? null,
    scenarios: scenarios.length,
    slots: slots.map((slot) => {
      const levels = giveLevels(bot.task, action!, slot);
      const only = (applies: boolean, cell: CoverageCell): CoverageCell => (applies ? cell : { ...cell, applies: false });
      return {
        slot,
        volunteered: count((s) => s.volunteered.has(slot)),
        asked: only(levels.includes('asked'), count((s) => s.asked.has(slot))),
        correctedAtConfirmation: count((s) => s.correctedAtConfirmation.has(slot)),
        correctedNextTurn: count((s) => s.correctedNextTurn.has(slot)),
        leftOut: only(levels.includes('left-out'), count((s) => s.leftOut.has(slot))),
      };
    }),
    policies: POLICIES.map(([confirmation, goAhead]) => ({ confirmation, goAhead, cell: count((s) => s.confirmation === confirmation && s.goAhead === goAhead) })),
    endings: { action: count((s) => s.ending === 'action'), noAction: count((s) => s.ending !== 'action'), refused: count((s) => s.ending === 'refused') },
    // Only a prompt bot's tools are played by slotcheck (toolMocks); another kind's tool fails when its service makes it.
    tools: { success: count((s) => s.ending === 'action' && s.tool === 'success'), failure: mocked(count((s) => s.tool === 'failure')), retry: mocked(count((s) => s.tool === 'retry')) },
    classes: classReach(entries, bot.task, action),
  };
}
