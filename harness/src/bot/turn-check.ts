import { SlotcheckError } from '../core/errors.js';
import { toolArguments, type ToolCall } from '../transcript/schema.js';
import type { BotTurn } from './bot.js';

type TurnMessage = BotTurn['messages'][number];

/**
 * Checks and normalises a turn an HTTP or module bot reported: only
 * assistant and tool messages; at least one assistant message; tool-call
 * arguments a JSON object (an object is accepted and serialised); each tool
 * result answering a call of this turn. A violation is BOT_REPLY_INVALID
 * naming the bot file: the endpoint's fault, never a bot failure.
 */
export function checkTurn(raw: { messages: unknown; session?: unknown }, file: string, context: () => string): BotTurn {
  // The context (an excerpt of the reply) is written only into an error: most turns are fine.
  const invalid = (why: string) => new SlotcheckError('BOT_REPLY_INVALID', `${file}: ${why} (${context()})`);
  if (!Array.isArray(raw.messages)) throw invalid('the bot\'s turn must have a list of messages');
  const messages: TurnMessage[] = raw.messages.map((message, i) => normalise(message, i, file, invalid));
  if (!messages.some((m) => m.role === 'assistant')) throw invalid('no assistant message in the bot\'s turn');
  const calls = new Set<string>();
  for (const message of messages) {
    if (message.role === 'assistant') message.tool_calls?.forEach((c) => calls.add(c.id));
    else if (!calls.has(message.tool_call_id)) throw invalid(`a tool result answers tool call "${message.tool_call_id}", which no assistant message of this turn made`);
  }
  return { messages, ...(raw.session !== undefined ? { session: raw.session } : {}) };
}

function normalise(message: unknown, i: number, file: string, invalid: (why: string) => SlotcheckError): TurnMessage {
  if (!message || typeof message !== 'object') throw invalid(`message ${i} is not an object`);
  const m = message as Record<string, unknown>;
  if (m.role === 'tool') {
    if (typeof m.tool_call_id !== 'string') throw invalid(`tool message ${i} has no tool_call_id`);
    return { role: 'tool', tool_call_id: m.tool_call_id, content: typeof m.content === 'string' ? m.content : JSON.stringify(m.content ?? null) };
  }
  if (m.role !== 'assistant') throw invalid(`message ${i} has role ${JSON.stringify(m.role)}; the bot's turn holds only its own messages (assistant, and tool results)`);
  if (m.content !== undefined && m.content !== null && typeof m.content !== 'string') throw invalid(`the content of message ${i} is not text`);
  const toolCalls = Array.isArray(m.tool_calls) ? m.tool_calls.map((call, j) => toolCallOf(call, j, file)) : [];
  const content = typeof m.content === 'string' && m.content.length > 0 ? m.content : null;
  if (content === null && toolCalls.length === 0) throw invalid(`assistant message ${i} has neither text nor tool calls`);
  return { role: 'assistant', content, ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}) };
}

/**
 * A tool call as a bot reports it: OpenAI's `{id, type, function: {name,
 * arguments}}` or a plain `{name, arguments}` (also `args`, `input`), the
 * arguments an object or a JSON string. Calls without an id get `call_<n>`.
 */
export function toolCallOf(raw: unknown, index: number, file: string): ToolCall {
  const invalid = (why: string) => new SlotcheckError('BOT_REPLY_INVALID', `${file}: tool call ${index}: ${why}`);
  if (!raw || typeof raw !== 'object') throw invalid('not an object');
  const r = raw as Record<string, unknown>;
  const fn = r.function && typeof r.function === 'object' ? (r.function as Record<string, unknown>) : r;
  const name = fn.name;
  if (typeof name !== 'string' || !name) throw invalid('no name');
  const args = fn.arguments ?? fn.args ?? fn.input ?? {};
  const call: ToolCall = { id: typeof r.id === 'string' && r.id ? r.id : `call_${index + 1}`, type: 'function', function: { name, arguments: typeof args === 'string' ? args : JSON.stringify(args) } };
  if (!toolArguments(call)) throw invalid(`the arguments of "${name}" are not a JSON object: ${call.function.arguments.slice(0, 80)}`);
  return call;
}
