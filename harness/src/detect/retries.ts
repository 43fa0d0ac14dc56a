import type { Act } from '../annotate/acts.js';
import type { DetectInput } from './detector.js';
import { Shown } from './shown.js';
import { isFailedToolResult } from './slot-state.js';
import { isIdentifier, type ToolObjects } from './tool-objects.js';

/** A consequential call that did not go through, and the approval it was made under. */
export interface FailedCall {
  action: string;
  args: Record<string, unknown>;
  /** The message with the call. */
  at: number;
  approvalAt: number | undefined;
}

/** Whether the call at position `nth` among a message's tool calls failed (its tool result says so). */
export function callFailed(input: DetectInput, index: number, nth: number): boolean {
  const call = input.conversation.messages[index];
  const id = call?.role === 'assistant' ? call.tool_calls?.[nth]?.id : undefined;
  if (!id) return false;
  for (const m of input.conversation.messages.slice(index + 1)) {
    if (m.role === 'tool' && m.tool_call_id === id) return isFailedToolResult(m.content ?? '');
    if (m.role === 'user') return false;
  }
  return false;
}

/**
 * Rule 2: a retry that changes a detail needs approval of that detail. The
 * values of `call` that differ from the failed call it retries and that
 * nothing written since the failure (the bot's new proposal, the user's
 * answer) shows: each is a change the user never approved.
 */
export function unapprovedChanges(input: DetectInput, index: number, call: Act, failed: FailedCall, objects: ToolObjects): Array<{ path: string; value: string }> {
  const before = new Map(leaves(failed.args));
  // Another object (the next booking of a plan) is not a retry of this one.
  if (isIdentifier(String(failed.args[key(failed.args)] ?? '')) && failed.args[key(failed.args)] !== call.args?.[key(failed.args)]) return [];
  const since = new Shown(input.conversation.messages.slice(failed.at + 1, index).flatMap((m) => (m.role === 'tool' || !m.content ? [] : [m.content])));
  return leaves(call.args ?? {}).flatMap(([path, value]) => {
    if (before.get(path) === value) return [];
    const text = String(value);
    const object = objects.object(text);
    const shown = typeof value === 'number' ? since.amount(value) || since.has(text) : since.value(text, object, objects.kinOf(object, path.replace(/.*[.\]]/, '')));
    return shown ? [] : [{ path, value: String(value) }];
  });
}

/** The first top-level argument that holds an identifier: the object the call acts on. */
function key(args: Record<string, unknown>): string {
  return Object.keys(args).find((k) => typeof args[k] === 'string' && isIdentifier(args[k] as string)) ?? '';
}

/** Every scalar of an argument object, by its path ("charges[0].amount"). */
function leaves(node: unknown, path = ''): Array<[string, string | number | boolean]> {
  if (typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean') return [[path, node]];
  if (Array.isArray(node)) return node.flatMap((v, i) => leaves(v, `${path}[${i}]`));
  if (node && typeof node === 'object') return Object.entries(node).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  return [];
}
