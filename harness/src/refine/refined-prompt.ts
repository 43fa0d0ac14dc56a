import { join } from 'node:path';
import type { PromptBotDefinition as Bot } from '../bot/schema.js';
import { writeFileAtomic } from '../core/files.js';
import { contentHash } from '../core/hash.js';
import { writeRefineReport } from './refine-report.js';
import type { RefineSession } from './session.js';

/** Where the refined prompt goes: beside the original, or over it with `--write`. */
export function refinedPromptPath(bot: Pick<Bot, 'dir'>, overwrite: boolean): string {
  return join(bot.dir, overwrite ? 'prompt.md' : 'prompt.refined.md');
}

/** Writes the prompt with every fix accepted so far (after each one, so an interruption keeps them) and lists it in the report. */
export async function writeRefinedPrompt(session: RefineSession, bot: Bot, source: string): Promise<void> {
  const overwrote = Boolean(session.options.write);
  const file = refinedPromptPath(bot, overwrote);
  await writeFileAtomic(file, source);
  const entry = { bot: bot.name, file: session.display(file), promptHash: contentHash(source), overwrote };
  session.report.refinedPrompts = [...session.report.refinedPrompts.filter((p) => p.bot !== bot.name), entry];
  await writeRefineReport(session.outDir, session.report);
}
