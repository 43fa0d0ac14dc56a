import { checkToolMocks, savedLists } from '../bot/check-tool-mocks.js';
import { A_BOT_OF_KIND, type BotDefinition } from '../bot/schema.js';
import type { LocatedDocument } from '../core/located-parse.js';
import type { Scenario } from './schema.js';

/**
 * A scenario's simulated tools: only a prompt bot's tools are simulated (an
 * HTTP or module bot runs its own), and mocks must fit the task. A mock may
 * load a list that the bot's mocks save to.
 */
export function checkScenarioTools(scenario: Scenario, bot: BotDefinition, doc: LocatedDocument): void {
  const mocked = Object.keys(scenario.toolMocks).length > 0;
  const given = Object.keys(scenario.toolResults).length > 0;
  if (bot.kind !== 'prompt') {
    if (mocked || given) {
      throw doc.errorAt([mocked ? 'toolMocks' : 'toolResults'], `bot "${bot.name}" is ${A_BOT_OF_KIND[bot.kind]}: it runs its own tools, so slotcheck does not simulate them (remove ${mocked ? 'toolMocks' : 'toolResults'})`);
    }
    return;
  }
  checkToolMocks(scenario.toolMocks, bot.task, doc, ['toolMocks'], savedLists(scenario.toolMocks, bot.settings.toolMocks));
}
