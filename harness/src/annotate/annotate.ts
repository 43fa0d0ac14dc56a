import type { Task } from '../bot/task.js';
import type { Conversation } from '../transcript/schema.js';
import type { MessageActs } from './acts.js';
import type { Tagger } from './tagger.js';
import type { UsageMeter } from '../model/usage.js';

/** A conversation with acts for every message: the input of every detector. */
export interface AnnotatedConversation {
  conversation: Conversation;
  task: Task;
  acts: MessageActs;
  /** Whether user acts come from the simulator (ground truth) rather than the tagger. */
  userActsAreGroundTruth: boolean;
  today?: string;
}

/**
 * Tags a conversation. When the simulator recorded its own acts, those replace
 * the tagger's for user messages: the simulator knows what it meant.
 */
export async function annotateConversation(
  conversation: Conversation,
  task: Task,
  tagger: Tagger,
  options: { userActs?: Record<string, MessageActs[number]>; today?: string; signal?: AbortSignal; usage?: UsageMeter } = {},
): Promise<AnnotatedConversation> {
  const acts = await tagger.tag(conversation, { task, ...(options.today ? { today: options.today } : {}) }, { signal: options.signal, ...(options.usage ? { usage: options.usage } : {}) });
  const userActs = options.userActs;
  if (userActs) {
    conversation.messages.forEach((message, i) => {
      if (message.role === 'user') acts[i] = userActs[String(i)] ?? [];
    });
  }
  return { conversation, task, acts, userActsAreGroundTruth: userActs !== undefined, ...(options.today ? { today: options.today } : {}) };
}
