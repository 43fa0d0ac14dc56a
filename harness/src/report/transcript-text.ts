import type { ChatMessage } from '../transcript/schema.js';

/** A conversation as plain numbered lines, for CI logs (JUnit system-out). */
export function transcriptText(messages: readonly ChatMessage[]): string {
  return messages.map((m, i) => `[${i}] ${lineOf(m)}`).join('\n');
}

function lineOf(message: ChatMessage): string {
  if (message.role === 'assistant' && message.tool_calls?.length) {
    const calls = message.tool_calls.map((c) => `${c.function.name}(${c.function.arguments})`).join('; ');
    return `assistant → ${calls}${message.content ? ` ${message.content}` : ''}`;
  }
  if (message.role === 'tool') return `tool (${message.tool_call_id}): ${message.content}`;
  return `${message.role}: ${message.content ?? ''}`;
}
