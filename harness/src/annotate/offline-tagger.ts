import type { Task } from '../bot/task.js';
import type { AssistantMessage, ChatMessage, Conversation } from '../transcript/schema.js';
import type { Act, MessageActs } from './acts.js';
import { createDateTimeParser } from './datetime.js';
import { resolveAnswers, type Tagged } from './resolve-answers.js';
import { tagBotMemo, tagUserMemo } from './tag-memo.js';
import { taskModel, type TaskModel } from './task-model.js';
import type { TagContext, Tagger } from './tagger.js';
import { createGiveWay } from '../core/give-way.js';

export { taskModel, type TaskModel };

/**
 * Task models by task (its content: each imported conversation carries its own
 * copy) and day, sharing one date parser. A run gives the same cache to its
 * simulators and to the tagger that judges: a bot message the simulator tagged
 * as it arrived is not tagged again, and chrono's patterns compile once.
 */
export class TaskModelCache {
  private readonly models = new Map<string, TaskModel>();
  private readonly parser = createDateTimeParser();

  get(task: Task, today: string | undefined): TaskModel {
    const key = taskKey(task, today);
    let model = this.models.get(key);
    if (!model) this.models.set(key, (model = taskModel(task, today, this.parser)));
    return model;
  }
}

/** The default tagger: rules over the task description and the text; no model. */
export function createOfflineTagger(models = new TaskModelCache()): Tagger {
  return {
    id: 'offline',
    async tag(conversation: Conversation, context: TagContext): Promise<MessageActs> {
      // A run's first taggings (code not yet compiled, chrono compiling its patterns) take tens of
      // milliseconds: giving way between messages keeps model answers from waiting that long.
      const giveWay = createGiveWay();
      const steps = taggingSteps(conversation.messages, models.get(context.task, context.today));
      for (let step = steps.next(); ; step = steps.next()) {
        if (step.done) return step.value;
        await giveWay();
      }
    },
  };
}

/** Identifies a task by content, more cheaply than serialising it whole. */
function taskKey(task: Task, today: string | undefined): string {
  const slots = task.slots.map((s) => `${s.name}:${s.type ?? ''}:${s.description}:${(s.values ?? []).join('|')}`).join(';');
  const actions = task.actions.map((a) => `${a.name}:${a.consequential}:${a.required.join('|')}:${a.optional.join('|')}`).join(';');
  return `${today ?? ''}\n${task.name}\n${slots}\n${actions}`;
}

/** Tags every message, then lets the user's answers settle what ambiguous questions asked. */
export function tagMessages(messages: readonly ChatMessage[], model: TaskModel): MessageActs {
  const steps = taggingSteps(messages, model);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/** tagMessages one message at a time: the tagger can pause between messages. */
function* taggingSteps(messages: readonly ChatMessage[], model: TaskModel): Generator<undefined, MessageActs> {
  const tagged: Tagged[] = [];
  let lastBotActs: Act[] = [];
  for (const message of messages) {
    if (message.role === 'assistant') {
      const bot = tagBotMemo(message, model);
      tagged.push({ role: 'assistant', acts: bot.acts, asked: bot.asked, values: [] });
      if (message.content) lastBotActs = bot.acts;
    } else if (message.role === 'user') {
      const user = tagUserMemo(message.content, model, lastBotActs);
      tagged.push({ role: 'user', acts: user.acts, asked: [], values: user.values, text: message.content });
    } else tagged.push({ role: message.role, acts: [], asked: [], values: [] });
    yield;
  }
  resolveAnswers(tagged, model);
  return tagged.map((t) => t.acts);
}

/** Acts of one bot message on its own (the simulator tags each bot turn as it arrives). */
export function tagAssistant(message: AssistantMessage, model: TaskModel): Act[] {
  return tagBotMemo(message, model).acts;
}

/** Acts of one user message, read in the light of what the bot just asked. */
export function tagUser(text: string, model: TaskModel, botActs: readonly Act[]): Act[] {
  return tagUserMemo(text, model, botActs).acts;
}

export type { Task };
