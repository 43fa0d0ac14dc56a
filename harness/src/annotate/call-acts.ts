import type { Task } from '../bot/task.js';
import { toolArguments, type AssistantMessage } from '../transcript/schema.js';
import type { Act } from './acts.js';

/**
 * CALL acts of a bot message, read from its tool calls rather than its text:
 * a tool call is structured data, so no tagger (rules or model) guesses it.
 */
export function callActs(message: AssistantMessage, task: Task): Act[] {
  return (message.tool_calls ?? []).map((call) => {
    const consequential = task.actions.find((a) => a.name === call.function.name)?.consequential ?? false;
    const args = toolArguments(call);
    return { act: 'CALL', action: call.function.name, consequential, ...(args ? { args } : {}) };
  });
}

