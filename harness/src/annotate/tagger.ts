import type { Task } from '../bot/task.js';
import type { Conversation } from '../transcript/schema.js';
import type { MessageActs } from './acts.js';
import type { UsageMeter } from '../model/usage.js';

/** What a tagger knows besides the conversation. */
export interface TagContext {
  task: Task;
  /** Today's date (YYYY-MM-DD) for relative dates; the run's date when absent. */
  today?: string;
}

/** Assigns dialogue acts to every message of a conversation. */
export interface Tagger {
  readonly id: string;
  /** `usage` counts the tokens of the tagger's model calls, when it makes any. */
  tag(conversation: Conversation, context: TagContext, options?: { signal?: AbortSignal; usage?: UsageMeter }): Promise<MessageActs>;
}
