import { withHttpLimit, withHttpRetries } from './http-calls.js';
import { createHttpTransport, type HttpTransport } from './http-transport.js';
import { compileWire } from './http-wire.js';
import { countCall, type BotCallSettings, type BotDriver } from './driver.js';
import type { HttpBotDefinition } from './schema.js';
import { withHttpCache } from './turn-cache.js';

/**
 * An HTTP bot for a run: one transport (keep-alive, at most --concurrency
 * requests in flight, retries of what the bot cannot have seen, the call
 * cache), and per conversation a `Bot` that renders each turn into a request
 * and reads the bot's turn from the reply.
 */
export function connectHttpBot(definition: HttpBotDefinition, settings: BotCallSettings): BotDriver {
  const wire = compileWire(definition.http, definition.file);
  const transport = transportFor(definition, settings);
  return {
    definition,
    modelName: definition.model ?? `http:${definition.name}`,
    endpoint: transport.endpoint,
    open: (conversation) => ({
      async respond(input) {
        const request = wire.request(input);
        const result = await transport.send(request, { ...conversation.nextCall(), threadId: input.threadId, sample: conversation.trial, ...(input.signal ? { signal: input.signal } : {}) });
        countCall(conversation.meter, result);
        return wire.reply(result.reply, input);
      },
    }),
    close: async () => transport.close(),
  };
}

/** cache → retries → limit → node:http, so a hit takes no slot and a retry's wait holds none. */
function transportFor(definition: HttpBotDefinition, settings: BotCallSettings): HttpTransport {
  const raw = createHttpTransport({ url: definition.http.url, timeoutMs: settings.callTimeoutMs, file: definition.file, secrets: definition.secrets });
  const live = withHttpRetries(withHttpLimit(raw, settings.concurrency), settings.retries);
  return settings.cache ? withHttpCache(live, settings.cache, definition.secrets, definition.file) : live;
}
