import type { AssistantMessage } from '../transcript/schema.js';
import type { Act } from './acts.js';
import { tagBotMessage, type BotTagging } from './tag-bot.js';
import { tagUserMessage, type UserTagging } from './tag-user.js';
import type { TaskModel } from './task-model.js';

/**
 * Taggings already made for a task, by message. A bot asks the same
 * questions across scenarios and trials ("What time should I book it
 * for?"), and users answer alike; tagging is the largest part of judging,
 * which a run does for every conversation. Entries are copied out, since
 * conversation-level resolution renames slots in place.
 */
export interface TagMemo {
  bot: Map<string, BotTagging>;
  user: Map<string, UserTagging>;
}

/** Enough for the distinct messages of a large run; past it the memo starts again rather than grow. */
const MEMO_LIMIT = 20_000;

export function createTagMemo(): TagMemo {
  return { bot: new Map(), user: new Map() };
}

export function tagBotMemo(message: AssistantMessage, model: TaskModel): BotTagging {
  const calls = message.tool_calls?.map((c) => `${c.function.name}\u0001${c.function.arguments}`).join('\u0002') ?? '';
  const key = `${message.content ?? ''}\u0000${calls}`;
  let tagging = model.memo.bot.get(key);
  if (!tagging) remember(model.memo.bot, key, (tagging = tagBotMessage(message, model)));
  return { acts: copyActs(tagging.acts), asked: tagging.asked.map((a) => ({ ...a, alternatives: [...a.alternatives] })) };
}

/** What of the bot's last acts a user message's tagging depends on: the slots it asked for, and whether it confirmed, proposed or asked permission. */
export function tagUserMemo(text: string, model: TaskModel, botActs: readonly Act[]): UserTagging {
  const requested = botActs.filter((a) => a.act === 'REQUEST' && a.slot).map((a) => a.slot).join(',');
  const confirming = botActs.some((a) => a.act === 'CONFIRM') ? 'c' : '';
  const proposing = botActs.some((a) => a.act === 'PROPOSE') ? 'p' : '';
  const asking = botActs.some((a) => a.act === 'ASK_GO_AHEAD') ? 'g' : '';
  const key = `${text}\u0000${requested}\u0000${confirming}${proposing}${asking}`;
  let tagging = model.memo.user.get(key);
  if (!tagging) remember(model.memo.user, key, (tagging = tagUserMessage(text, model, botActs)));
  return { acts: copyActs(tagging.acts), values: tagging.values.map((v) => ({ ...v })) };
}

function remember<T>(memo: Map<string, T>, key: string, value: T): void {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
}

function copyActs(acts: readonly Act[]): Act[] {
  return acts.map((a) => ({ ...a }));
}
