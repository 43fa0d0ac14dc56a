import { contentHash } from '../core/hash.js';

/**
 * The one place a bot's identity is hashed for run.json: everything that
 * decides what the bot says (settings as parsed, task, tool results, the
 * prompt template and the prompt it renders). A resumed or merged run must
 * see the same hash, or one run would mix two bots under one name. Other
 * kinds of bot hash their own definition and the same check applies.
 */
export function definitionHash(definition: unknown, renderedPrompt: string): string {
  return contentHash({ definition, renderedPrompt }, 16);
}

/** The date prompts are rendered for when hashed, so the hash does not change with the day. */
export const HASH_RENDER_DATE = '2000-01-01';
