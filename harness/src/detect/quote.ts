import type { ChatMessage } from '../transcript/schema.js';
import type { Evidence } from './failure.js';

/** A message as quoted in evidence: its text, or its tool calls when it has no text. */
export function quoteMessage(message: ChatMessage | undefined, max = 240): string {
  if (!message) return '';
  const calls = message.role === 'assistant' ? (message.tool_calls ?? []).map((c) => `${c.function.name}(${c.function.arguments})`) : [];
  const text = [message.content ?? '', ...calls].filter(Boolean).join(' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Evidence for a finding at `index`: that message quoted, the reason, and the earlier message it refers to, quoted too. */
export function evidenceAt(messages: readonly ChatMessage[], index: number, reason: string, related?: number): Evidence {
  return {
    quote: quoteMessage(messages[index]),
    reason,
    ...(related !== undefined ? { relatedMessageIndex: related, relatedQuote: quoteMessage(messages[related]) } : {}),
  };
}
