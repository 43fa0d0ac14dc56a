import { query, type JsonValue } from 'jsonpath-rfc9535';
import { SlotcheckError } from '../core/errors.js';
import type { BotTurn, BotTurnInput } from './bot.js';
import type { HttpConfig } from './http-schema.js';
import type { WireReply } from './http-wire.js';
import { checkTurn, lastUserText, toolCallOf } from './turn-check.js';

const DEFAULT_MESSAGES = '$.messages';

/**
 * The bot's turn from an HTTP reply: the messages at `reply.messages` (by
 * default `$.messages`), or built from `text`, `toolCalls` and `toolResults`
 * (calls, then their results, then the text: a bot that acts reports it, then
 * says so). Everything wrong with a reply names the bot file and the path.
 */
export function readReply(reply: WireReply, config: HttpConfig, file: string, input: Pick<BotTurnInput, 'session' | 'newMessages'>): BotTurn {
  if (reply.status < 200 || reply.status > 299) {
    throw new SlotcheckError('BOT_HTTP_STATUS', `${file}: the bot answered HTTP ${reply.status}${reply.body ? `: ${excerpt(reply.body)}` : ''}`);
  }
  let document: JsonValue;
  try {
    document = JSON.parse(reply.body) as JsonValue;
  } catch {
    throw new SlotcheckError('BOT_REPLY_INVALID', `${file}: the bot's reply is not JSON: ${excerpt(reply.body) || '(empty body)'}`);
  }
  const paths = config.reply;
  const messages = paths.text || paths.toolCalls ? fromParts(document, paths, file) : fromMessages(document, paths.messages ?? DEFAULT_MESSAGES, file);
  const session = config.session ? readSession(document, reply, config.session.from) : undefined;
  const previous = input.session;
  const sent = lastUserText(input.newMessages);
  return checkTurn({ messages, ...(session !== undefined ? { session } : previous !== undefined ? { session: previous } : {}) }, file, () => `reply ${excerpt(reply.body)}`, sent);
}

function fromMessages(document: JsonValue, path: string, file: string): unknown[] {
  // The default wire's path is read directly: no JSONPath to parse on every turn.
  if (path === DEFAULT_MESSAGES && document && typeof document === 'object' && !Array.isArray(document) && Array.isArray(document.messages)) return document.messages;
  const found = matches(document, path, 'http.reply.messages', file);
  return found.length === 1 && Array.isArray(found[0]) ? found[0] : found;
}

function fromParts(document: JsonValue, paths: HttpConfig['reply'], file: string): unknown[] {
  const calls = paths.toolCalls ? query(document, paths.toolCalls).flatMap((c) => (Array.isArray(c) ? c : [c])) : [];
  const results = paths.toolResults ? query(document, paths.toolResults) : [];
  const texts = paths.text ? query(document, paths.text).flatMap((t) => (Array.isArray(t) ? t : [t])) : [];
  if (texts.length === 0 && calls.length === 0) {
    const which = [paths.text && `text ${paths.text}`, paths.toolCalls && `toolCalls ${paths.toolCalls}`].filter(Boolean).join(' and ');
    throw new SlotcheckError('BOT_REPLY_INVALID', `${file}: no assistant message in the bot's reply: http.reply ${which} matched nothing in ${describeKeys(document)}`);
  }
  const toolCalls = calls.map((call, i) => toolCallOf(call, i, file));
  const out: unknown[] = [];
  if (toolCalls.length > 0) out.push({ role: 'assistant', content: null, tool_calls: toolCalls });
  results.slice(0, toolCalls.length).forEach((result, i) => out.push({ role: 'tool', tool_call_id: toolCalls[i]!.id, content: typeof result === 'string' ? result : JSON.stringify(result) }));
  for (const text of texts) {
    if (typeof text !== 'string') throw new SlotcheckError('BOT_REPLY_INVALID', `${file}: http.reply.text ${paths.text} matched ${JSON.stringify(text).slice(0, 80)}, not a string`);
    out.push({ role: 'assistant', content: text });
  }
  return out;
}

function matches(document: JsonValue, path: string, field: string, file: string): JsonValue[] {
  const found = query(document, path);
  if (found.length === 0) throw new SlotcheckError('BOT_REPLY_INVALID', `${file}: no assistant message in the bot's reply: ${field} ${path} matched nothing in ${describeKeys(document)}`);
  return found;
}

/** The session from a reply field, header or cookie; undefined when this reply does not carry one. */
function readSession(document: JsonValue, reply: WireReply, from: NonNullable<HttpConfig['session']>['from']): unknown {
  if (from.field) return query(document, from.field)[0] ?? undefined;
  if (from.header) {
    const value = reply.headers[from.header.toLowerCase()];
    return Array.isArray(value) ? value[0] : value;
  }
  const cookies = reply.headers['set-cookie'];
  for (const line of Array.isArray(cookies) ? cookies : cookies ? [cookies] : []) {
    const [pair] = line.split(';');
    const at = pair?.indexOf('=') ?? -1;
    if (at > 0 && pair!.slice(0, at).trim() === from.cookie) return decodeURIComponent(pair!.slice(at + 1).trim());
  }
  return undefined;
}

function describeKeys(document: JsonValue): string {
  if (document && typeof document === 'object' && !Array.isArray(document)) return `a reply with keys ${Object.keys(document).slice(0, 8).join(', ') || '(none)'}`;
  return `a reply that is ${Array.isArray(document) ? 'an array' : JSON.stringify(document).slice(0, 40)}`;
}

/** The start of a body, on one line, for an error message. */
export function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 160 ? `${line.slice(0, 160)}…` : line;
}
