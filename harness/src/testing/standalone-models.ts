import type { Responder } from './fake-openai-server.js';
import { promptFollowingBot } from './prompt-following-bot.js';
import { createScriptedRefiner } from './scripted-refiner.js';
import { scriptedUserModel } from './scripted-user-model.js';

/**
 * The models the standalone fake server (`serve.js`) plays besides the
 * scripted bots, so that what the README does against it from a fresh clone
 * works without code: `prompt-follower` (a bot that obeys the rules in its
 * prompt, for refine, guide apply and transfer checks), `refiner` (answers the
 * meta-prompts) and `user-sim` (the LLM user).
 */
export function standaloneModels(): Record<string, Responder> {
  return { 'prompt-follower': promptFollowingBot, refiner: createScriptedRefiner(), 'user-sim': scriptedUserModel };
}
