import parseJsonPath from 'jsonpath-rfc9535/parser';
import * as z from 'zod';

/** A JSONPath (RFC 9535) into the bot's reply, checked when the file loads. */
const jsonPath = z.string().superRefine((path, ctx) => {
  try {
    parseJsonPath(path);
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    ctx.addIssue({ code: 'custom', message: `"${path}" is not a JSONPath (RFC 9535, e.g. $.reply.text): ${why}` });
  }
});

/** Where a session value is read from or sent to: exactly one of a body field, a header or a cookie. */
function place(field: z.ZodString) {
  return z
    .strictObject({
      field: field.optional().describe('A body field: a JSONPath into the reply, or a top-level field of the request.'),
      header: z.string().min(1).optional().describe('A header, by name.'),
      cookie: z.string().min(1).optional().describe('A cookie, by name.'),
    })
    .refine((p) => [p.field, p.header, p.cookie].filter((v) => v !== undefined).length === 1, 'give exactly one of field, header or cookie');
}

/** A value the bot keeps between turns (a session id): read from each reply, sent with the next request. */
export const HttpSessionSchema = z.strictObject({
  from: place(jsonPath).describe('Where the reply carries it: `field` (a JSONPath into the reply), `header` or `cookie` (by name).'),
  to: place(z.string().min(1)).optional().describe('Where the next request carries it: `field` (a top-level body field), `header` or `cookie`; default: where it came from.'),
});
export type HttpSession = z.infer<typeof HttpSessionSchema>;

/** Where the parts of the bot's turn are in its reply. All JSONPaths; default: `messages: $.messages`. */
export const HttpReplySchema = z
  .strictObject({
    messages: jsonPath.optional().describe('OpenAI chat messages (assistant messages with optional tool_calls, tool messages): an array, or each match one message.'),
    text: jsonPath.optional().describe('The bot\'s text: each match (a string) is one assistant message.'),
    toolCalls: jsonPath.optional().describe('Tools the bot ran itself: each match `{name, arguments}` (object or JSON string; `args` too) or an OpenAI tool call.'),
    toolResults: jsonPath.optional().describe('Their results, in the same order as the calls.'),
  })
  .refine((r) => !(r.messages && (r.text || r.toolCalls || r.toolResults)), 'give either messages, or text with toolCalls and toolResults, not both')
  .refine((r) => !(r.toolResults && !r.toolCalls), 'toolResults needs toolCalls: each result answers a call');

/** `http:` of a `kind: http` bot. Strings may hold `${VAR}`, read from the environment when the file loads. */
export const HttpConfigSchema = z.strictObject({
  url: z.string().min(1).describe('Where to send each turn; `{{threadId}}` and `{{session}}` may appear in it (URL-encoded).'),
  method: z.enum(['POST', 'PUT']).default('POST').describe('The HTTP method.'),
  headers: z.record(z.string(), z.string()).default({}).describe('Request headers; `${VAR}` is read from the environment.'),
  body: z.string().min(1).optional().describe(
    'A Handlebars template of the request body, with `threadId`, `messages`, `newMessages`, `lastUserMessage`, `session` and `scenario` (`{{json messages}}` writes JSON). Default: `{"threadId", "messages", "newMessages"}`.',
  ),
  reply: HttpReplySchema.default({}).describe('Where the parts of the bot\'s turn are in its reply (JSONPaths; default `messages: $.messages`).'),
  session: HttpSessionSchema.optional().describe('A value the bot keeps between turns (a session id): read from each reply, sent with the next request.'),
});
export type HttpConfig = z.infer<typeof HttpConfigSchema>;
