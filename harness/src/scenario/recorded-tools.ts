import type { AnnotatedConversation } from '../annotate/annotate.js';
import type { ToolStep } from '../bot/tool-mock-schema.js';
import { isFailedToolResult } from '../detect/slot-state.js';

/**
 * What the recorded calls of the action answered, in order, as tool-mock
 * steps: a failed booking is part of what to replay, with its own message,
 * and so is the result of the retry that followed.
 */
export function recordedSteps(annotated: Pick<AnnotatedConversation, 'conversation'>, action: string): ToolStep[] {
  const messages = annotated.conversation.messages;
  const ids = messages.flatMap((m) => (m.role === 'assistant' ? (m.tool_calls ?? []).filter((c) => c.function.name === action).map((c) => c.id) : []));
  return ids.flatMap((id): ToolStep[] => {
    const result = messages.find((m) => m.role === 'tool' && m.tool_call_id === id)?.content;
    if (result === undefined || result === null) return [];
    const parsed = parseJson(result);
    if (!isFailedToolResult(result)) return [{ returns: parsed }];
    const message = parsed && typeof parsed === 'object' && typeof (parsed as { error?: unknown }).error === 'string' ? (parsed as { error: string }).error : result;
    return [{ error: message || 'failed' }];
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
