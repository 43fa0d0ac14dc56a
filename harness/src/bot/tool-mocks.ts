import { toolArguments, type ToolCall } from '../transcript/schema.js';
import type { Task } from './task.js';
import type { ArgMatcher, ToolMock, ToolMocks } from './tool-mock-schema.js';

/** Mocks and static results, the scenario's before the bot's. */
export interface ToolLayer {
  mocks: ToolMocks;
  results: Record<string, unknown>;
}

/**
 * The tools of one simulated conversation: each call is answered by the
 * first layer that has something for it (a mock whose `match` fits, else a
 * static result), else `{"status": "ok"}`. Sequences advance and saved lists
 * grow within the conversation only.
 */
export function toolResponder(task: Task, layers: readonly ToolLayer[]): (call: ToolCall) => unknown {
  const uses = new Map<ToolMock, number>();
  const lists = new Map<string, Array<Record<string, unknown>>>();
  const answer = (mock: ToolMock, args: Record<string, unknown>): unknown => {
    const n = uses.get(mock) ?? 0;
    uses.set(mock, n + 1);
    const step = mock.sequence ? mock.sequence[Math.min(n, mock.sequence.length - 1)]! : mock.error !== undefined ? { error: mock.error } : { returns: mock.returns };
    if ('error' in step) return { status: 'error', error: step.error };
    let result: unknown = step.returns;
    if (mock.load) result = { ...asObject(result), [mock.load]: (lists.get(mock.load) ?? []).filter((entry) => fits(entry, args)) };
    if (mock.save) lists.set(mock.save, [...(lists.get(mock.save) ?? []), { ...args, ...asObject(result) }]);
    return result ?? { status: 'ok' };
  };
  return (call) => {
    const name = call.function.name;
    if (!task.actions.some((a) => a.name === name)) return { error: `unknown tool "${name}"` };
    const args = toolArguments(call);
    if (!args) return { error: 'arguments are not a valid JSON object' };
    for (const layer of layers) {
      const mock = layer.mocks[name]?.find((m) => Object.entries(m.match ?? {}).every(([slot, matcher]) => matches(matcher, args[slot])));
      if (mock) return answer(mock, args);
      if (name in layer.results) return layer.results[name];
    }
    return { status: 'ok' };
  };
}

/** A value matcher: equal (2 and "2" alike, surrounding spaces ignored), or a case-insensitive pattern. */
export function matches(matcher: ArgMatcher, value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof matcher === 'object') return new RegExp(matcher.pattern, 'i').test(String(value));
  return String(value).trim() === String(matcher).trim();
}

/** A saved entry fits a lookup when every argument the entry also has is equal. */
function fits(entry: Record<string, unknown>, args: Record<string, unknown>): boolean {
  return Object.entries(args).every(([key, value]) => !(key in entry) || String(entry[key]).trim().toLowerCase() === String(value).trim().toLowerCase());
}

function asObject(value: unknown): Record<string, unknown> {
  if (value === undefined || value === null) return { status: 'ok' };
  return typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { result: value };
}
