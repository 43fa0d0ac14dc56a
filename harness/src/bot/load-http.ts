import { contentHash } from '../core/hash.js';
import { isSlotcheckError } from '../core/errors.js';
import { redact } from '../core/redact.js';
import type { LocatedDocument } from '../core/located-parse.js';
import type { BotTurnInput } from './bot.js';
import { resolveEnvVars } from './env-vars.js';
import type { HttpConfig } from './http-schema.js';
import type { Task } from './task.js';
import { compileWire, sendsJson } from './http-wire.js';
import { definitionBase, type BotFileContext } from './bot-file.js';
import { HttpBotFileSchema, type HttpBotDefinition } from './schema.js';

/** What the wire is test-rendered with when the file loads, on a first turn and on a later one with a session. */
const FIRST_TURN: BotTurnInput = { threadId: 'check#1', messages: [{ role: 'user', content: 'hello' }], newMessages: [{ role: 'user', content: 'hello' }], scenario: { id: 'check', today: '2000-01-01', trial: 1 } };
const SAMPLE_TURNS: BotTurnInput[] = [FIRST_TURN, { ...FIRST_TURN, session: 'session-1' }];

/**
 * An HTTP bot: `${VAR}`s in the URL, headers and body template read from the
 * environment (a missing one is an error at its line), the wire compiled and
 * test-rendered, so a template that does not render, a URL that is not one or
 * a body that is not JSON fails here, before any conversation.
 */
export async function loadHttpBot(context: BotFileContext): Promise<HttpBotDefinition> {
  const { doc, env } = context;
  const file = doc.check(HttpBotFileSchema);
  const secrets: string[] = [];
  const raw = file.http;
  const http: HttpConfig = {
    ...raw,
    url: resolveEnvVars(raw.url, ['http', 'url'], env, doc, secrets),
    headers: resolveEnvVars(raw.headers, ['http', 'headers'], env, doc, secrets),
    ...(raw.body ? { body: resolveEnvVars(raw.body, ['http', 'body'], env, doc, secrets) } : {}),
  };
  checkWire(http, context.file, doc, secrets);
  checkActionsVisible(http, file.task, doc);
  return {
    kind: 'http',
    ...definitionBase(context, file),
    http,
    secrets,
    // As written: `${VAR}`s, not their values (a rotated token is the same bot, and the hash holds no secret).
    definitionHash: contentHash({ kind: 'http', http: raw, task: file.task, model: file.model ?? null }),
  };
}

function checkWire(http: HttpConfig, file: string, doc: LocatedDocument, secrets: readonly string[]): void {
  let wire: ReturnType<typeof compileWire>;
  try {
    wire = compileWire(http, file);
  } catch (error) {
    throw templateError(error, doc, secrets);
  }
  const json = sendsJson(http.headers);
  for (const turn of SAMPLE_TURNS) {
    let request: ReturnType<typeof wire.request>;
    try {
      request = wire.request(turn);
    } catch (error) {
      throw templateError(error, doc, secrets);
    }
    if (!/^https?:\/\//i.test(request.url) || !URL.canParse(request.url)) throw doc.errorAt(['http', 'url'], 'not an http(s) URL (e.g. http://127.0.0.1:8080/chat)');
    if (json && http.body && !isJson(request.body)) {
      throw doc.errorAt(['http', 'body'], `the body template does not render JSON (write values with {{json …}}, e.g. "text": {{json lastUserMessage}}); it rendered: ${redact(request.body.slice(0, 120), secrets)}`);
    }
  }
}

/**
 * A bot whose reply paths give its text but not its tool calls could never
 * be seen acting: every booking would look like a claim without a call
 * (missing-action). With consequential actions in the task that is an error,
 * not a run full of false alarms.
 */
function checkActionsVisible(http: HttpConfig, task: Task, doc: LocatedDocument): void {
  const acts = task.actions.filter((a) => a.consequential).map((a) => a.name);
  if (http.reply.text && !http.reply.toolCalls && acts.length > 0) {
    throw doc.errorAt(['http', 'reply'], `reply.text without reply.toolCalls: slotcheck could not see the bot call ${acts.join(', ')}, and would judge every action it takes as never done; point toolCalls (and toolResults) at the tools the bot ran`);
  }
}

function templateError(error: unknown, doc: LocatedDocument, secrets: readonly string[]): unknown {
  if (!isSlotcheckError(error) || error.code !== 'TEMPLATE_INVALID') return error;
  const field = error.message.includes('(http.url)') ? 'url' : 'body';
  const why = redact(error.message.replace(/^.*?template error: /, ''), secrets);
  return doc.errorAt(['http', field], `template error (line ${error.location?.line ?? 1} of the template): ${why}`);
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
