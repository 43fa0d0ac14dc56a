import { compileTemplate } from '../core/template.js';
import { SlotcheckError } from '../core/errors.js';
import type { BotTurn, BotTurnInput } from './bot.js';
import type { HttpConfig } from './http-schema.js';
import { readReply } from './http-reply.js';
import { lastUserText } from './turn-check.js';

/** One request to an HTTP bot, as sent (secrets included: it never leaves the transport unredacted). */
export interface WireRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** What came back: status, headers (lower-case names) and the body text. */
export interface WireReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** An HTTP bot's wire format: a turn in → the request; the reply → the bot's turn. */
export interface HttpWire {
  request(input: BotTurnInput): WireRequest;
  /** Reads the bot's turn to `input`; a reply that does not hold one is a BOT_REPLY_INVALID naming the bot file. */
  reply(reply: WireReply, input: Pick<BotTurnInput, 'session' | 'newMessages'>): BotTurn;
}

/**
 * Compiles the wire of an HTTP bot once (templates are strict: a misspelt
 * variable is an error). `file` names the bot file in every error.
 */
export function compileWire(config: HttpConfig, file: string): HttpWire {
  const url = config.url.includes('{{') ? compileTemplate(config.url, `${file} (http.url)`, { noEscape: true }) : () => config.url;
  const body = config.body ? compileTemplate(jsonSafeBraces(config.body), `${file} (http.body)`, { noEscape: true }) : undefined;
  const to = config.session ? (config.session.to ?? defaultTarget(config.session.from)) : undefined;
  const fixedHeaders = hasHeader(config.headers, 'content-type') ? config.headers : { 'content-type': 'application/json', ...config.headers };
  return {
    request(input) {
      const session = input.session ?? null;
      const context = templateContext(input);
      const headers: Record<string, string> = { ...fixedHeaders };
      if (to?.header && session !== null) headers[to.header] = asText(session);
      if (to?.cookie && session !== null) addCookie(headers, `${to.cookie}=${encodeURIComponent(asText(session))}`);
      let text = body ? body(context) : JSON.stringify({ threadId: input.threadId, messages: input.messages, newMessages: input.newMessages, ...(to?.field && session !== null ? { [to.field]: session } : {}) });
      if (body && to?.field && session !== null) text = withField(text, to.field, session, file);
      const encoded = { ...context, threadId: encodeURIComponent(input.threadId), session: session === null ? '' : encodeURIComponent(asText(session)) };
      return { method: config.method, url: url(encoded), headers, body: text };
    },
    reply: (reply, input) => readReply(reply, config, file, input),
  };
}

/**
 * A JSON body ends objects right after a mustache (`{"m": {{json messages}}}`), which Handlebars
 * reads as a triple-stash: with escaping off a triple-stash means nothing more, so it becomes a
 * plain mustache, and the braces of JSON around a mustache are kept apart from it.
 */
function jsonSafeBraces(source: string): string {
  return source
    .replace(/\{\{\{\s*([^{}]+?)\s*\}\}\}/g, '{{$1}}')
    .replace(/\}\}\}/g, '}} }')
    .replace(/\{\{\{/g, '{ {{');
}

/** What a body (or URL) template sees. */
function templateContext(input: BotTurnInput): Record<string, unknown> {
  return {
    threadId: input.threadId,
    messages: input.messages,
    newMessages: input.newMessages,
    lastUserMessage: lastUserText(input.messages) ?? '',
    session: input.session ?? null,
    scenario: input.scenario,
  };
}

/** By default the session goes back where it came from; a reply field `$.sessionId` goes back as the body field `sessionId`. */
export function defaultTarget(from: NonNullable<HttpConfig['session']>['from']): { field?: string; header?: string; cookie?: string } {
  if (from.header) return { header: from.header };
  if (from.cookie) return { cookie: from.cookie };
  const name = /^\$\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(from.field ?? '')?.[1] ?? /^\$\['([^']+)'\]$/.exec(from.field ?? '')?.[1];
  return { field: name ?? 'session' };
}

function withField(text: string, field: string, session: unknown, file: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SlotcheckError('BOT_INVALID', `${file}: http.session.to.field needs a JSON object body, and the body template rendered something else`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new SlotcheckError('BOT_INVALID', `${file}: http.session.to.field needs a JSON object body`);
  return JSON.stringify({ ...parsed, [field]: session });
}

/** Adds a cookie to the request's Cookie header, however its name is spelt. */
function addCookie(headers: Record<string, string>, cookie: string): void {
  const name = Object.keys(headers).find((h) => h.toLowerCase() === 'cookie') ?? 'cookie';
  headers[name] = [headers[name], cookie].filter(Boolean).join('; ');
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((h) => h.toLowerCase() === name);
}

/** Whether the body goes out as JSON: the content type the headers set says so, or they set none (JSON is added). */
export function sendsJson(headers: Record<string, string>): boolean {
  return !Object.entries(headers).some(([name, value]) => name.toLowerCase() === 'content-type' && !/json/i.test(value));
}

/** A session value as it travels in a header, cookie or URL. */
function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
