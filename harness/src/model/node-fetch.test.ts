import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeFetch } from './node-fetch.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r) ?? r(undefined));
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the node:http fetch given to the openai SDK', () => {
  it('sends method, headers and body, and returns status, headers and body', async () => {
    const url = await serve((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        res.writeHead(201, { 'content-type': 'application/json', 'retry-after-ms': '5' });
        res.end(JSON.stringify({ method: req.method, auth: req.headers.authorization, body }));
      });
    });
    const fetch = createNodeFetch();
    const response = await fetch(`${url}/v1/x`, { method: 'POST', headers: { authorization: 'Bearer k' }, body: '{"a":1}' });
    expect(response.status).toBe(201);
    expect(response.headers.get('retry-after-ms')).toBe('5');
    expect(await response.json()).toEqual({ method: 'POST', auth: 'Bearer k', body: '{"a":1}' });
    fetch.close();
  });

  it('reads a successful body once, and gives other statuses as a web Response whose headers errors can keep', async () => {
    const url = await serve((req, res) => {
      res.writeHead(req.url === '/ok' ? 200 : 429, { 'content-type': 'application/json', 'Retry-After': '2' });
      res.end('{"ok":true}');
    });
    const fetch = createNodeFetch();
    const ok = await fetch(`${url}/ok`);
    expect([ok.ok, ok.headers.get('Retry-After'), ok.headers.get('x-missing')]).toEqual([true, '2', null]);
    expect(await ok.text()).toBe('{"ok":true}');
    await expect(ok.text()).rejects.toThrow(/already been read/);
    const limited = await fetch(`${url}/busy`);
    expect([limited.ok, limited.status, limited.headers instanceof Headers, limited.headers.get('retry-after')]).toEqual([false, 429, true, '2']);
    expect(await limited.json()).toEqual({ ok: true });
    fetch.close();
  });

  it('fails, rather than hangs, when the connection is cut in the middle of the body', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"partial":');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    await expect(createNodeFetch()(url)).rejects.toThrow();
  });

  it('stops at once when the signal aborts', async () => {
    const url = await serve(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(createNodeFetch()(url, { signal: controller.signal })).rejects.toThrow(/abort/i);
  });
});
