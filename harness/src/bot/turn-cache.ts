import * as z from 'zod';
import { DiskCache } from '../core/disk-cache.js';
import { SlotcheckError } from '../core/errors.js';
import { contentHash } from '../core/hash.js';
import { redact } from '../core/redact.js';
import type { CacheMode } from '../model/cached-model.js';
import { BotTurnSchema, type Bot } from './bot.js';
import type { HttpTransport } from './http-transport.js';
import type { WireRequest } from './http-wire.js';

/** Where recordings live and how they are used (see `CacheMode`). */
export interface CallCacheSettings {
  mode: CacheMode;
  dir: string;
}

const THREAD = '{threadId}';

const RecordedHttpCallSchema = z.object({
  schemaVersion: z.literal(1),
  kind: z.literal('http-bot'),
  sample: z.number().int().nonnegative(),
  reply: z.object({ status: z.number().int(), headers: z.record(z.string(), z.union([z.string(), z.array(z.string())]).optional()), body: z.string() }),
});

const RecordedTurnSchema = z.object({ schemaVersion: z.literal(1), kind: z.literal('module-bot'), sample: z.number().int().nonnegative(), turn: BotTurnSchema });

/**
 * The call cache for an HTTP bot. The key is the request with its secrets
 * redacted and the thread id (new in every run) replaced by a placeholder, so
 * a recording replays in another run and holds no secret. Only 2xx replies
 * are kept: an endpoint error is not an answer.
 */
export function withHttpCache(transport: HttpTransport, cache: CallCacheSettings, secrets: readonly string[], file: string): HttpTransport {
  if (cache.mode === 'off') return transport;
  const store = new DiskCache<unknown>(cache.dir);
  return {
    ...transport,
    async send(request, options) {
      const key = contentHash({ kind: 'http-bot', request: keyOf(request, options.threadId, secrets), sample: options.sample }, 40);
      if (cache.mode !== 'write') {
        const hit = RecordedHttpCallSchema.safeParse(await store.get(key));
        if (hit.success) return { reply: { ...hit.data.reply, body: hit.data.reply.body.split(THREAD).join(options.threadId) }, cached: true };
        if (cache.mode === 'replay') throw replayMiss(cache.dir, `HTTP bot request (${file})`);
      }
      const result = await transport.send(request, options);
      const { status, headers, body } = result.reply;
      if (status >= 200 && status < 300) {
        const kept = Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined).map(([k, v]) => [k, v!]));
        await store.set(key, { schemaVersion: 1, kind: 'http-bot', sample: options.sample, reply: { status, headers: kept, body: redact(body.split(options.threadId).join(THREAD), secrets) } });
      }
      return result;
    },
  };
}

/** The request as keyed: secrets redacted, the thread id a placeholder. */
function keyOf(request: WireRequest, threadId: string, secrets: readonly string[]): WireRequest {
  const clean = (text: string) => redact(text.split(threadId).join(THREAD).split(encodeURIComponent(threadId)).join(THREAD), secrets);
  return { method: request.method, url: clean(request.url), headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), clean(v)])), body: clean(request.body) };
}

/**
 * The call cache for a module bot: keyed by the bot's definition hash, the
 * conversation so far, the session it returned and the trial.
 */
export function withTurnCache(bot: Bot, cache: CallCacheSettings, definitionHash: string, file: string, onHit: () => void): Bot {
  if (cache.mode === 'off') return bot;
  const store = new DiskCache<unknown>(cache.dir);
  return {
    ...bot,
    async respond(input) {
      const sample = input.scenario.trial;
      const key = contentHash({ kind: 'module-bot', definitionHash, messages: input.messages, session: input.session ?? null, today: input.scenario.today, sample }, 40);
      if (cache.mode !== 'write') {
        const hit = RecordedTurnSchema.safeParse(await store.get(key));
        if (hit.success) {
          onHit();
          return hit.data.turn;
        }
        if (cache.mode === 'replay') throw replayMiss(cache.dir, `module bot turn (${file})`);
      }
      const turn = await bot.respond(input);
      await store.set(key, { schemaVersion: 1, kind: 'module-bot', sample, turn });
      return turn;
    },
  };
}

function replayMiss(dir: string, what: string): SlotcheckError {
  return new SlotcheckError('REPLAY_MISS', `no recorded answer in ${dir} for this ${what}: the scenarios, the bot or its settings changed since the recording; record again with --cache write`);
}
