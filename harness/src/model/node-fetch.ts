import http from 'node:http';
import https from 'node:https';

/**
 * A minimal `fetch` over node:http(s) with keep-alive, given to the openai
 * SDK as its transport. Node's built-in fetch (undici with web streams)
 * costs about twice the CPU per call, which dominates a harness that makes
 * thousands of small calls. Requests are buffered both ways (no streaming:
 * slotcheck never streams). One instance (and its connection pools) per
 * client; `close` ends idle connections.
 */
export function createNodeFetch(): typeof fetch & { close(): void } {
  const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };
  const nodeFetch = (input: string | URL | Request, init: RequestInit = {}): Promise<Response> =>
    new Promise((resolve, reject) => {
      const url = new URL(input instanceof Request ? input.url : input);
      const agent = agents[url.protocol as keyof typeof agents];
      if (!agent) return reject(new TypeError(`unsupported protocol ${url.protocol}`));
      const request = (url.protocol === 'https:' ? https : http).request(url, { method: init.method ?? 'GET', headers: headersOf(init.headers), agent, ...(init.signal ? { signal: init.signal } : {}) }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        // A connection cut in the middle of the body must fail the call, not leave it pending.
        res.on('close', () => {
          if (!res.complete) reject(new Error('the connection closed before the response ended'));
        });
        res.on('end', () => {
          const status = res.statusCode ?? 500;
          const body = status === 204 || status === 304 ? null : Buffer.concat(chunks);
          resolve(new Response(body, { status, statusText: res.statusMessage ?? '', headers: responseHeaders(res.headers) }));
        });
      });
      request.on('error', reject);
      request.end(typeof init.body === 'string' || init.body instanceof Uint8Array ? init.body : undefined);
    });
  return Object.assign(nodeFetch as typeof fetch, { close: () => Object.values(agents).forEach((a) => a.destroy()) });
}

function headersOf(headers: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(headers).forEach((value, key) => {
    out[key] = value;
  });
  return out;
}

function responseHeaders(headers: http.IncomingHttpHeaders): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(headers)) {
    if (Array.isArray(value)) for (const v of value) out.push([key, v]);
    else if (value !== undefined) out.push([key, value]);
  }
  return out;
}
