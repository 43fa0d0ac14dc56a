import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withHttpLimit, withHttpRetries } from './http-calls.js';
import { createHttpTransport, HttpCallError, type HttpTransport } from './http-transport.js';
import type { WireReply, WireRequest } from './http-wire.js';

const REQUEST: WireRequest = { method: 'POST', url: 'http://unused/', headers: {}, body: '{}' };
const CALL = { threadId: 't', sample: 1 };
const noSleep = async () => undefined;

/** A transport answering from a list of replies or errors, counting calls. */
function scripted(answers: Array<WireReply | Error>): HttpTransport & { calls: number } {
  const t = {
    endpoint: 'scripted', calls: 0, close: () => undefined,
    send: async () => {
      const answer = answers[Math.min(t.calls++, answers.length - 1)]!;
      if (answer instanceof Error) throw answer;
      return { reply: answer };
    },
  };
  return t;
}
const ok: WireReply = { status: 200, headers: {}, body: '{}' };

describe('calls to an HTTP bot', () => {
  it('retries only what the bot cannot have seen: refused, 429 and 503; never a time-out or a 500', async () => {
    const refused = new HttpCallError('BOT_UNREACHABLE', 'refused', true);
    const busy = scripted([refused, { status: 429, headers: { 'retry-after': '0' }, body: '' }, { status: 503, headers: {}, body: '' }, ok]);
    const result = await withHttpRetries(busy, 3, { sleep: noSleep }).send(REQUEST, CALL);
    expect(result).toEqual({ reply: ok, retried: ['BOT_UNREACHABLE', 'BOT_HTTP_STATUS', 'BOT_HTTP_STATUS'] });
    const timeout = scripted([new HttpCallError('BOT_TIMEOUT', 'slow', false), ok]);
    await expect(withHttpRetries(timeout, 3, { sleep: noSleep }).send(REQUEST, CALL)).rejects.toMatchObject({ code: 'BOT_TIMEOUT' });
    expect(timeout.calls).toBe(1);
    const failing = scripted([{ status: 500, headers: {}, body: '' }, ok]);
    expect((await withHttpRetries(failing, 3, { sleep: noSleep }).send(REQUEST, CALL)).reply.status).toBe(500);
    const stillBusy = scripted([{ status: 429, headers: {}, body: '' }]);
    expect(await withHttpRetries(stillBusy, 2, { sleep: noSleep }).send(REQUEST, CALL)).toMatchObject({ reply: { status: 429 }, retried: ['BOT_HTTP_STATUS', 'BOT_HTTP_STATUS'] });
  });

  it('keeps at most `concurrency` requests in flight, and tells the caller while it waits', async () => {
    let inFlight = 0;
    let most = 0;
    const slow: HttpTransport = { endpoint: 'slow', close: () => undefined, send: async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight -= 1;
      return { reply: ok };
    } };
    const limited = withHttpLimit(slow, 2);
    const queued: boolean[] = [];
    await Promise.all(Array.from({ length: 6 }, () => limited.send(REQUEST, { ...CALL, onQueue: (q) => queued.push(q) })));
    expect(most).toBe(2);
    expect(queued.filter((q) => q)).toHaveLength(6);
  });

  describe('over node:http', () => {
    let server: Server;
    let url: string;
    beforeAll(async () => {
      server = createServer((req, res) => {
        if (req.url === '/slow') return void setTimeout(() => res.end('{}'), 500);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ echo: req.headers.authorization }));
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    });

    it('returns status, headers and body, with the bot\'s secrets redacted from what it echoes', async () => {
      const transport = createHttpTransport({ url: `${url}/chat/secret-path-token`, timeoutMs: 1000, file: 'bots/x/bot.yaml', secrets: ['secret-path-token', 'Bearer-token-123'] });
      const { reply } = await transport.send({ ...REQUEST, url: `${url}/chat`, headers: { authorization: 'Bearer-token-123' } }, CALL);
      expect(reply).toMatchObject({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"echo":"***"}' });
      expect(transport.endpoint).toBe(`${url}/chat/***`);
      transport.close();
    });

    it('a slow bot is BOT_TIMEOUT and a closed port BOT_UNREACHABLE (retryable: nothing was sent), both naming the bot file', async () => {
      const transport = createHttpTransport({ url, timeoutMs: 50, file: 'bots/x/bot.yaml', secrets: [] });
      await expect(transport.send({ ...REQUEST, url: `${url}/slow` }, CALL)).rejects.toMatchObject({ code: 'BOT_TIMEOUT', message: expect.stringMatching(/^bots\/x\/bot\.yaml: .*within 0\.05 s/) });
      await expect(transport.send({ ...REQUEST, url: 'http://127.0.0.1:1/' }, CALL)).rejects.toMatchObject({ code: 'BOT_UNREACHABLE', retryable: true, message: expect.stringMatching(/^bots\/x\/bot\.yaml: could not reach/) });
      transport.close();
    });
  });
});
