import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Task } from '../bot/task.js';
import { toolsForTask } from '../bot/tools.js';
import type { ChatMessage } from '../transcript/schema.js';
import { runAgentTurn, type AgentTool } from './agent-turn.js';
import { readBody, send } from './fake-openai-server.js';

export interface HttpBotServerOptions {
  /** The task whose actions the bot has as tools. */
  task: Task;
  /** The bot's own tool; default: every call books (`{"status":"booked","reference":"HB-<n>"}`). */
  tool?: AgentTool;
  /** Keep every request (path, headers, body) for inspection. */
  recordRequests?: boolean;
  port?: number;
}

export interface HttpBotServer {
  /** http://127.0.0.1:PORT */
  url: string;
  requests: Array<{ path: string; headers: IncomingMessage['headers']; body: string }>;
  stats: { turns: number };
  close(): Promise<void>;
}

/** A bot service whose tool books, or fails the first booking of each conversation. */
export const bookingTool = (failFirst = false): AgentTool => (_name, _args, n) => (failFirst && n === 1 ? { status: 'error', error: 'fully booked at that time' } : { status: 'booked', reference: `HB-${n}` });

/**
 * A local bot service for tests and the bench: a scripted policy (a name of
 * SCRIPTED_BOTS, e.g. `careful`, `eager`) runs as an agent that calls its own
 * tool and reports calls, results and text. Routes:
 * - `POST /stateless/<policy>`: the default wire, full history each turn;
 * - `POST /session/<policy>`: `{text, sessionId?}` in, `{sessionId, output: {texts, actions}}` out; the
 *   session also as header `x-session-id` and cookie `sid`, accepted back in any of the three;
 * - `POST /fault/<kind>`: `not-json`, `no-assistant`, `status`, `wrong-shape`;
 * - `POST /echo` (`/echo-error`, with HTTP 500): repeats the request's URL and Authorization header (a leak to redact).
 * `?rounds=n` caps the agent's tool rounds (default 3); `?fail=first` fails each conversation's first booking.
 */
export async function startHttpBotServer(options: HttpBotServerOptions): Promise<HttpBotServer> {
  const sessions = new Map<string, { history: ChatMessage[]; calls: number }>();
  const threads = new Map<string, number>();
  const tools = toolsForTask(options.task);
  const server: HttpBotServer = { url: '', requests: [], stats: { turns: 0 }, close: async () => undefined };
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (options.recordRequests) server.requests.push({ path: `${url.pathname}${url.search}`, headers: req.headers, body });
    server.stats.turns += 1;
    const [, route, policy = 'careful'] = url.pathname.split('/');
    const rounds = Number(url.searchParams.get('rounds') ?? 3);
    const tool = url.searchParams.get('fail') === 'first' ? bookingTool(true) : (options.tool ?? bookingTool());
    if (route === 'stateless') {
      const input = JSON.parse(body) as { threadId: string; messages: ChatMessage[] };
      const runTool = (name: string, args: Record<string, unknown>) => {
        const n = (threads.get(input.threadId) ?? 0) + 1;
        threads.set(input.threadId, n);
        return tool(name, args, n);
      };
      return send(res, 200, { messages: await runAgentTurn(policy, input.messages, tools, runTool, rounds) });
    }
    if (route === 'session') return sessionTurn(req, res, body, policy, rounds, tool);
    if (route === 'fault') return fault(res, policy);
    const echoed = `You sent ${req.url} with ${req.headers.authorization ?? 'no token'}`;
    if (route === 'echo') return send(res, 200, { messages: [{ role: 'assistant', content: `${echoed}. What date?` }] });
    if (route === 'echo-error') return send(res, 500, { error: `${echoed}: rejected` });
    send(res, 404, { error: `no route ${url.pathname}` });
  };
  const sessionTurn = async (req: IncomingMessage, res: ServerResponse, body: string, policy: string, rounds: number, tool: AgentTool) => {
    const input = JSON.parse(body) as { text: string; sessionId?: string };
    const given = input.sessionId ?? header(req, 'x-session-id') ?? /(?:^|;\s*)sid=([^;]+)/.exec(header(req, 'cookie') ?? '')?.[1];
    if (given && !sessions.has(given)) return send(res, 400, { error: `unknown session ${given}` });
    const id = given ?? `s-${sessions.size + 1}`;
    const session = sessions.get(id) ?? { history: [], calls: 0 };
    sessions.set(id, session);
    session.history.push({ role: 'user', content: input.text });
    const turn = await runAgentTurn(policy, session.history, tools, (name, args) => tool(name, args, ++session.calls), rounds);
    session.history.push(...turn);
    const actions = turn.flatMap((m) => (m.role === 'assistant' ? (m.tool_calls ?? []) : [])).map((call) => ({
      name: call.function.name,
      input: JSON.parse(call.function.arguments) as unknown,
      result: JSON.parse(turn.find((m) => m.role === 'tool' && m.tool_call_id === call.id)?.content ?? 'null') as unknown,
    }));
    const texts = turn.flatMap((m) => (m.role === 'assistant' && m.content ? [m.content] : []));
    send(res, 200, { sessionId: id, output: { texts, actions } }, { 'x-session-id': id, 'set-cookie': `sid=${id}; Path=/; HttpOnly` });
  };
  const http = createServer((req, res) => void handle(req, res).catch((error: unknown) => send(res, 500, { error: String(error) })));
  await new Promise<void>((resolve) => http.listen(options.port ?? 0, '127.0.0.1', resolve));
  server.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  server.close = () => new Promise<void>((resolve) => {
    http.closeAllConnections();
    http.close(() => resolve());
  });
  return server;
}

function fault(res: ServerResponse, kind: string): void {
  if (kind === 'not-json') {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<html>Service temporarily unavailable</html>');
  } else if (kind === 'no-assistant') send(res, 200, { messages: [] });
  else if (kind === 'wrong-shape') send(res, 200, { reply: { text: 'What date?' } });
  else send(res, 500, { error: 'internal error' });
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
