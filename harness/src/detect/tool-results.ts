import type { SlotValue } from '../bot/task.js';

/**
 * The scalar values in a tool result (JSON, at any depth): options the bot may
 * offer and then pass on. A result that is not JSON yields none.
 */
export function toolResultValues(content: string): SlotValue[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return [];
  }
  const found: SlotValue[] = [];
  const visit = (node: unknown): void => {
    if (typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean') found.push(node);
    else if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') Object.values(node).forEach(visit);
  };
  visit(parsed);
  return found;
}
