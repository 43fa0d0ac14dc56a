import type { Task } from '../bot/task.js';
import { SlotcheckError } from '../core/errors.js';
import { toolArguments, type ChatMessage } from './schema.js';

/** Where a message of an imported conversation came from: the JSONL line, or the CSV row. */
export type MessageLine = (messageIndex: number) => number;

/**
 * What the detectors cannot judge must not pass as judged: a conversation
 * with no messages, a tool call to an action the task does not define, or
 * arguments that are not a JSON object. Each is bad input naming the file,
 * line and field, before anything is written.
 */
export function checkImportedConversation(conversation: { id: string; messages: ChatMessage[]; task: Task; userActs?: unknown }, file: string, lineOf: MessageLine): void {
  const fail = (line: number, field: string, message: string) => {
    throw new SlotcheckError('TRANSCRIPT_INVALID', `${file}:${line}: ${field ? `field "${field}": ` : ''}${message}`, { location: { file, line, ...(field ? { field } : {}) } });
  };
  if (conversation.messages.length === 0) fail(lineOf(0), 'messages', `conversation "${conversation.id}" has no messages; there is nothing to judge`);
  const known = conversation.task.actions.map((a) => a.name);
  conversation.messages.forEach((message, i) => {
    if (message.role !== 'assistant') return;
    message.tool_calls?.forEach((call, j) => {
      const field = `messages.${i}.tool_calls.${j}.function`;
      // A slotcheck run's own transcript (it carries the simulator's acts) may hold a call the bot made up: the
      // simulated tool answered it with an error, and re-analysing judges it as the run did.
      if (!known.includes(call.function.name) && conversation.userActs === undefined) {
        fail(lineOf(i), `${field}.name`, `the bot calls "${call.function.name}", which the task "${conversation.task.name}" does not define (actions: ${known.join(', ') || 'none'}); add it to the task (--task FILE) so the call can be judged`);
      }
      if (!toolArguments(call)) fail(lineOf(i), `${field}.arguments`, `the arguments of "${call.function.name}" are not a JSON object: ${JSON.stringify(call.function.arguments.slice(0, 60))}`);
    });
  });
}
