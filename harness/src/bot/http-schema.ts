import parseJsonPath from 'jsonpath-rfc9535/parser';
import { z } from 'zod';

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
    .strictObject({ field: field.optional(), header: z.string().min(1).optional(), cookie: z.string().min(1).optional() })
    .refine((p) => [p.field, p.header, p.cookie].filter((v) => v !== undefined).length === 1, 'give exactly one of field, header or cookie');
}

/** A value the bot keeps between turns (a session id): read from each reply, sent with the next request. */
export const HttpSessionSchema = z.strictObject({
  /** Where the reply carries it: `field` (a JSONPath into the reply), `header` or `cookie` (by name). */
  from: place(jsonPath),
  /** Where the next request carries it: `field` (a top-level body field), `header` or `cookie`; default: where it came from. */
  to: place(z.string().min(1)).optional(),
});
export type HttpSession = z.infer<typeof HttpSessionSchema>;

/** Where the parts of the bot's turn are in its reply. All JSONPaths; default: `messages: $.messages`. */
export const HttpReplySchema = z
  .strictObject({
    /** OpenAI chat messages (assistant messages with optional tool_calls, tool messages): an array, or each match one message. */
    messages: jsonPath.optional(),
    /** The bot's text: each match (a string) is one assistant message. */
    text: jsonPath.optional(),
    /** Tools the bot ran itself: each match `{name, arguments}` (object or JSON string; `args` too) or an OpenAI tool call. */
    toolCalls: jsonPath.optional(),
    /** Their results, in the same order as the calls. */
    toolResults: jsonPath.optional(),
  })
  .refine((r) => !(r.messages && (r.text || r.toolCalls || r.toolResults)), 'give either messages, or text with toolCalls and toolResults, not both')
  .refine((r) => !(r.toolResults && !r.toolCalls), 'toolResults needs toolCalls: each result answers a call');

/** `http:` of a `kind: http` bot. Strings may hold `${VAR}`, read from the environment when the file loads. */
export const HttpConfigSchema = z.strictObject({
  /** Where to send each turn; `{{threadId}}` and `{{session}}` may appear in it (URL-encoded). */
  url: z.string().min(1),
  method: z.enum(['POST', 'PUT']).default('POST'),
  headers: z.record(z.string(), z.string()).default({}),
  /**
   * A Handlebars template of the request body, with `threadId`, `messages`, `newMessages`, `lastUserMessage`,
   * `session` and `scenario` (`{{json messages}}` writes JSON). Default: `{"threadId", "messages", "newMessages"}`.
   */
  body: z.string().min(1).optional(),
  reply: HttpReplySchema.default({}),
  session: HttpSessionSchema.optional(),
});
export type HttpConfig = z.infer<typeof HttpConfigSchema>;
