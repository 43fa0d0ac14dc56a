import type { BotDefinition } from '../bot/schema.js';
import { InputErrors, SlotcheckError } from '../core/errors.js';
import { parseLocatedDocument } from '../core/located-parse.js';
import { checkedScenario } from './load.js';
import { ScenarioSchema } from './schema.js';

/** A scenario file about to be written: its path, its text and its bot. */
export interface ScenarioText {
  path: string;
  text: string;
  bot: BotDefinition;
}

/**
 * Checks scenario files before they are written, as `slotcheck validate`
 * reads them (schema, then the bot's task), and throws every problem at once:
 * a command that writes scenarios writes all of them or none.
 */
export function checkScenarioTexts(files: readonly ScenarioText[], display: (p: string) => string, extra?: (file: ScenarioText) => void): void {
  const problems: SlotcheckError[] = [];
  for (const file of files) {
    try {
      extra?.(file);
      const doc = parseLocatedDocument(file.text, display(file.path), 'SCENARIO_INVALID');
      checkedScenario(doc.check(ScenarioSchema), file.bot, doc, file.path, display(file.path));
    } catch (error) {
      if (!(error instanceof SlotcheckError)) throw error;
      problems.push(error);
    }
  }
  if (problems.length === 1) throw problems[0]!;
  if (problems.length > 1) throw new InputErrors(problems);
}
