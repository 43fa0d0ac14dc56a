import type { AnnotatedConversation } from '../annotate/annotate.js';
import type { ToolStep } from '../bot/tool-mock-schema.js';
import { isFailedToolResult } from '../detect/slot-state.js';
import type { ChatMessage } from '../transcript/schema.js';

/**
 * What the recorded calls of the action answered, in order, as tool-mock
 * steps: a failed booking is part of what to replay, with its own message,
 * and so is the result of the retry that followed.
 */
export function recordedSteps(annotated: Pick<AnnotatedConversation, 'conversation'>, action: string): ToolStep[] {
  return callResults(annotated.conversation.messages, action).flatMap((result): ToolStep[] => {
    if (result === undefined) return [];
    const parsed = parseJson(result);
    if (!isFailedToolResult(result)) return [{ returns: parsed }];
    const message = parsed && typeof parsed === 'object' && typeof (parsed as { error?: unknown }).error === 'string' ? (parsed as { error: string }).error : result;
    return [{ error: message || 'failed' }];
  });
}

/**
 * The result of each call of the action, in order: the first tool message after
 * the call that answers its id. Ids are only unique within a turn (a service
 * may number its calls afresh each turn), so a later call with the same id
 * gets its own result, never an earlier one's.
 */
function callResults(messages: readonly ChatMessage[], action: string): Array<string | undefined> {
  const results: Array<string | undefined> = [];
  const pending = new Map<string, number>();
  for (const m of messages) {
    if (m.role === 'assistant') {
      for (const call of m.tool_calls ?? []) {
        if (call.function.name !== action) continue;
        pending.set(call.id, results.length);
        results.push(undefined);
      }
    } else if (m.role === 'tool' && pending.has(m.tool_call_id)) {
      results[pending.get(m.tool_call_id)!] = m.content ?? undefined;
      pending.delete(m.tool_call_id);
    }
  }
  return results;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
