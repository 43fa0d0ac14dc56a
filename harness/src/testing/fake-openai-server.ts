import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AssistantMessage } from '../transcript/schema.js';
import { createFaultPicker, type FaultKind, type FaultOptions } from './faults.js';
import { SCRIPTED_BOTS } from './scripted-bots.js';

/** The chat-completions request body as the fake server receives it. */
export interface FakeChatRequest {
  model: string;
  messages: Array<{ role: string; content?: string | null; tool_calls?: unknown; tool_call_id?: string }>;
  tools?: Array<{ type: 'function'; function: { name: string; description?: string; parameters?: Record<string, unknown> } }>;
  temperature?: number;
  response_format?: unknown;
  [key: string]: unknown;
}

/** A reply: an assistant message, or an HTTP error to exercise retries and error handling. */
export type FakeReply =
  | { message: AssistantMessage; finishReason?: string }
  | { status: number; body?: unknown; headers?: Record<string, string> };

/** What a responder knows of the HTTP request besides its body (an echoing endpoint repeats it). */
export interface ResponderContext {
  requestNumber: number;
  /** Path and query as sent (absent when a policy is played in-process, as an agent). */
  url?: string;
  headers?: IncomingMessage['headers'];
}

export type Responder = (request: FakeChatRequest, context: ResponderContext) => FakeReply | Promise<FakeReply>;

export interface FakeServerOptions {
  /** Responders by model name; the scripted bots are always available. */
  responders?: Record<string, Responder>;
  latencyMs?: number;
  /** Port to listen on (default: any free one). */
  port?: number;
  /** Added to `latencyMs`: a uniform random extra delay up to this many milliseconds. */
  jitterMs?: number;
  /** Faults to inject, as shares of chat requests. */
  faults?: FaultOptions;
  /** Keep every request (body and headers) for inspection. */
  recordRequests?: boolean;
}

export interface FakeServer {
  /** Base URL to use as OPENAI_BASE_URL, ending in /v1. */
  url: string;
  requests: Array<{ body: FakeChatRequest; headers: IncomingMessage['headers']; url: string }>;
  stats: { chat: number; faults: Partial<Record<FaultKind, number>> };
  close(): Promise<void>;
}

/**
 * A local OpenAI-compatible HTTP server on 127.0.0.1 and an ephemeral port.
 * Tests talk to it through the real openai client; it answers by the
 * request's `model`: a scripted bot or a responder the test registers.
 */
export async function startFakeOpenAIServer(options: FakeServerOptions = {}): Promise<FakeServer> {
  const responders: Record<string, Responder> = { ...SCRIPTED_BOTS, ...options.responders };
  const server: FakeServer = { url: '', requests: [], stats: { chat: 0, faults: {} }, close: async () => undefined };
  const pickFault = createFaultPicker(options.faults ?? {});
  const http = createServer((req, res) => {
    void handle(req, res, responders, server, options, pickFault).catch((error: unknown) => send(res, 500, { error: { message: String(error) } }));
  });
  await new Promise<void>((resolve) => http.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  server.url = `http://127.0.0.1:${port}/v1`;
  server.close = () =>
    new Promise<void>((resolve) => {
      http.closeAllConnections();
      http.close(() => resolve());
    });
  return server;
}

async function handle(
  req: IncomingMessage, res: ServerResponse, responders: Record<string, Responder>, server: FakeServer, options: FakeServerOptions, pickFault: () => FaultKind | undefined,
): Promise<void> {
  const body = await readBody(req);
  if (req.method !== 'POST' || !new URL(req.url ?? '/', 'http://localhost').pathname.endsWith('/chat/completions')) return send(res, 404, { error: { message: `no route ${req.method} ${req.url}` } });
  let request: FakeChatRequest;
  try {
    request = JSON.parse(body) as FakeChatRequest;
  } catch {
    return send(res, 400, { error: { message: 'invalid JSON body' } });
  }
  server.stats.chat += 1;
  if (options.recordRequests) server.requests.push({ body: request, headers: req.headers, url: req.url ?? '' });
  const responder = responders[request.model];
  if (!responder) return send(res, 404, { error: { message: `The model \`${request.model}\` does not exist (fake server knows: ${Object.keys(responders).join(', ')})`, type: 'invalid_request_error', code: 'model_not_found' } });
  const fault = pickFault();
  if (fault) server.stats.faults[fault] = (server.stats.faults[fault] ?? 0) + 1;
  const delay = (options.latencyMs ?? 0) + (options.jitterMs ? Math.random() * options.jitterMs : 0);
  if (delay > 0) await new Promise((r) => setTimeout(r, delay));
  if (fault && injectTransportFault(fault, res, options.faults?.retryAfterMs ?? 20)) return;
  const reply = await responder(request, { requestNumber: server.stats.chat, url: req.url ?? '', headers: req.headers });
  if ('status' in reply) return send(res, reply.status, reply.body ?? { error: { message: `fake error ${reply.status}` } }, reply.headers);
  const answer = completion(request, reply.message, reply.finishReason, server.stats.chat);
  send(res, 200, fault ? breakOutput(fault, answer, request) : answer);
}

/** Faults that replace the answer: 429, 500, a reset connection, a hang. True when one was injected. */
function injectTransportFault(fault: FaultKind, res: ServerResponse, retryAfterMs: number): boolean {
  switch (fault) {
    case 'rateLimited':
      send(res, 429, { error: { message: 'rate limited (fake)', type: 'rate_limit_exceeded' } }, { 'retry-after-ms': String(retryAfterMs), 'retry-after': String(Math.ceil(retryAfterMs / 1000)) });
      return true;
    case 'serverError':
      send(res, 500, { error: { message: 'internal error (fake)', type: 'server_error' } });
      return true;
    case 'reset':
      res.socket?.destroy();
      return true;
    case 'hang':
      return true;
    default:
      return false;
  }
}

/** Faults in the answer itself: broken tool-call JSON, no choice, a content filter. */
function breakOutput(fault: FaultKind, body: ReturnType<typeof completion>, request: FakeChatRequest): ReturnType<typeof completion> | object {
  const choice = body.choices[0]!;
  if (fault === 'emptyChoice') return { ...body, choices: [] };
  if (fault === 'contentFilter') return { ...body, choices: [{ ...choice, message: { ...choice.message, content: null, tool_calls: undefined }, finish_reason: 'content_filter' }] };
  if (fault !== 'malformedToolCall') return body;
  const name = request.tools?.[0]?.function.name ?? 'act';
  const broken = [{ id: 'call_broken', type: 'function', function: { name, arguments: '{"date": "2026-12-' } }];
  return { ...body, choices: [{ ...choice, message: { role: 'assistant', content: null, tool_calls: broken, refusal: null }, finish_reason: 'tool_calls' }] };
}

function completion(request: FakeChatRequest, message: AssistantMessage, finishReason: string | undefined, n: number) {
  return {
    id: `chatcmpl-fake-${n}`,
    object: 'chat.completion',
    created: 0,
    model: request.model,
    choices: [{ index: 0, message: { role: 'assistant', content: message.content, ...(message.tool_calls ? { tool_calls: message.tool_calls } : {}), refusal: null }, finish_reason: finishReason ?? (message.tool_calls ? 'tool_calls' : 'stop'), logprobs: null }],
    usage: usageOf(request, message),
  };
}

/**
 * Usage as a real endpoint reports it, roughly: about four characters a
 * token, counted over what was sent (messages, tool definitions, with a few
 * tokens of overhead per message) and what came back.
 */
function usageOf(request: FakeChatRequest, message: AssistantMessage) {
  const tokens = (text: string) => Math.ceil(text.length / 4);
  const sent = request.messages.reduce((n, m) => n + 4 + tokens(m.content ?? '') + tokens(m.tool_calls ? JSON.stringify(m.tool_calls) : ''), 0) + tokens(request.tools ? JSON.stringify(request.tools) : '');
  const answered = Math.max(1, tokens(message.content ?? '') + (message.tool_calls ?? []).reduce((n, c) => n + tokens(c.function.name) + tokens(c.function.arguments), 0));
  return { prompt_tokens: sent, completion_tokens: answered, total_tokens: sent + answered };
}

/** The request body as text. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A JSON answer. */
export function send(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
