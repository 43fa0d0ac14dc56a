import { SlotcheckError } from '../core/errors.js';
import { toolArguments, type ChatMessage, type ToolCall } from '../transcript/schema.js';
import type { BotTurn } from './bot.js';

type TurnMessage = BotTurn['messages'][number];

const ROLES: Record<string, string> = { ai: 'assistant', human: 'user', tool: 'tool', system: 'system' };

/**
 * Checks and normalises a turn an HTTP or module bot reported: assistant
 * and tool messages (OpenAI's `role`, or LangChain's `type`: ai, tool);
 * at least one assistant message; tool-call arguments a JSON object (an
 * object is accepted and serialised); each tool result answering a call of
 * this turn. A bot that answers with the whole conversation (as many agent
 * frameworks return their state) gives what follows the user's message just
 * sent. A violation is BOT_REPLY_INVALID naming the bot file: the endpoint's
 * fault, never a bot failure.
 */
export function checkTurn(raw: { messages: unknown; session?: unknown }, file: string, context: () => string, sent?: string): BotTurn {
  // The context (an excerpt of the reply) is written only into an error: most turns are fine.
  const invalid = (why: string) => new SlotcheckError('BOT_REPLY_INVALID', `${file}: ${why} (${context()})`);
  if (!Array.isArray(raw.messages)) throw invalid('the bot\'s turn must have a list of messages');
  const messages: TurnMessage[] = ownTurn(raw.messages, sent, invalid).map((message, i) => normalise(message, i, file, invalid));
  if (!messages.some((m) => m.role === 'assistant')) throw invalid('no assistant message in the bot\'s turn');
  const calls = new Set<string>();
  for (const message of messages) {
    if (message.role === 'assistant') message.tool_calls?.forEach((c) => calls.add(c.id));
    else if (!calls.has(message.tool_call_id)) throw invalid(`a tool result answers tool call "${message.tool_call_id}", which no assistant message of this turn made`);
  }
  return { messages, ...(raw.session !== undefined ? { session: raw.session } : {}) };
}

/** The bot's own messages: when the reply repeats the conversation, those after the user's message just sent (which must be the last one). */
function ownTurn(messages: unknown[], sent: string | undefined, invalid: (why: string) => SlotcheckError): unknown[] {
  let last = messages.length - 1;
  while (last >= 0 && roleOf(messages[last]) !== 'user') last -= 1;
  const own = last < 0 ? messages : messages.slice(last + 1);
  if (last >= 0 && sent !== undefined && textOf((messages[last] as Record<string, unknown>).content) !== sent) {
    throw invalid(`the reply repeats the conversation, but its last user message is not the one just sent: "${String(textOf((messages[last] as Record<string, unknown>).content)).slice(0, 60)}"`);
  }
  return own.filter((m) => roleOf(m) !== 'system');
}

function roleOf(message: unknown): unknown {
  if (!message || typeof message !== 'object') return undefined;
  const m = message as { role?: unknown; type?: unknown };
  return m.role ?? (typeof m.type === 'string' ? ROLES[m.type] : undefined);
}

/** Text content: a string, or the text parts of a list of content parts. */
function textOf(content: unknown): string | null | undefined {
  if (!Array.isArray(content)) return content as string | null | undefined;
  return content.map((part: unknown) => (typeof part === 'string' ? part : part && typeof part === 'object' && typeof (part as { text?: unknown }).text === 'string' ? (part as { text: string }).text : '')).join('');
}

function normalise(message: unknown, i: number, file: string, invalid: (why: string) => SlotcheckError): TurnMessage {
  if (!message || typeof message !== 'object') throw invalid(`message ${i} is not an object`);
  const m = message as Record<string, unknown>;
  const role = roleOf(m);
  if (role === 'tool') {
    if (typeof m.tool_call_id !== 'string') throw invalid(`tool message ${i} has no tool_call_id`);
    return { role: 'tool', tool_call_id: m.tool_call_id, content: typeof m.content === 'string' ? m.content : JSON.stringify(m.content ?? null) };
  }
  if (role !== 'assistant') throw invalid(`message ${i} has role ${JSON.stringify(role)}; the bot's turn holds only its own messages (assistant, and tool results)`);
  const text = textOf(m.content);
  if (text !== undefined && text !== null && typeof text !== 'string') throw invalid(`the content of message ${i} is not text`);
  const toolCalls = Array.isArray(m.tool_calls) ? m.tool_calls.map((call, j) => toolCallOf(call, j, file)) : [];
  const content = typeof text === 'string' && text.length > 0 ? text : null;
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

/** The text of the last user message among `messages` (what the bot was just sent). */
export function lastUserText(messages: readonly ChatMessage[]): string | undefined {
  for (let i = messages.length - 1; i >= 0; i -= 1) if (messages[i]!.role === 'user') return messages[i]!.content ?? undefined;
  return undefined;
}
