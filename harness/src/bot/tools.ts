import type { Action, Slot, Task } from './task.js';

/** An OpenAI function tool definition. */
export interface FunctionTool {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

/** The task's actions as OpenAI function tools: a tool call is how the bot acts. */
export function toolsForTask(task: Task): FunctionTool[] {
  return task.actions.map((action) => ({
    type: 'function',
    function: {
      name: action.name,
      description: action.description || action.name,
      parameters: parametersFor(action, task),
    },
  }));
}

function parametersFor(action: Action, task: Task): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const name of [...action.required, ...action.optional]) {
    const slot = task.slots.find((s) => s.name === name);
    if (slot) properties[name] = propertyFor(slot);
  }
  return { type: 'object', properties, required: action.required, additionalProperties: false };
}

function propertyFor(slot: Slot): Record<string, unknown> {
  const property: Record<string, unknown> = { description: slot.description || slot.name };
  switch (slot.type) {
    case 'integer':
    case 'number':
    case 'boolean':
      property.type = slot.type;
      break;
    case 'date':
      property.type = 'string';
      property.description = `${slot.description} (YYYY-MM-DD)`.trim();
      break;
    case 'time':
      property.type = 'string';
      property.description = `${slot.description} (HH:MM, 24-hour)`.trim();
      break;
    default:
      property.type = 'string';
  }
  if (slot.values) property.enum = slot.values;
  return property;
}
