import type { Task } from '../bot/task.js';
import type { AssistantMessage } from '../transcript/schema.js';
import type { Act } from './acts.js';

/**
 * CALL acts of a bot message, read from its tool calls rather than its text:
 * a tool call is structured data, so no tagger (rules or model) guesses it.
 */
export function callActs(message: AssistantMessage, task: Task): Act[] {
  return (message.tool_calls ?? []).map((call) => {
    const consequential = task.actions.find((a) => a.name === call.function.name)?.consequential ?? false;
    const args = parseArgs(call.function.arguments);
    return { act: 'CALL', action: call.function.name, consequential, ...(args ? { args } : {}) };
  });
}

/** Arguments as an object, or undefined when they are not a JSON object. */
function parseArgs(raw: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(raw || '{}');
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
