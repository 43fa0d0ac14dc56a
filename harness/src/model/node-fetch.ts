import http from 'node:http';
import https from 'node:https';

/**
 * A minimal `fetch` over node:http(s) with keep-alive, given to the openai
 * SDK as its transport. Node's built-in fetch (undici with web streams)
 * costs about twice the CPU per call, which dominates a harness that makes
 * thousands of small calls. Requests are buffered both ways (no streaming:
 * slotcheck never streams). A successful answer comes back as a
 * `BufferedResponse`, the part of Response the SDK reads from one (a third of
 * the transport's CPU went into building web Response and Headers objects);
 * any other status as a real Response, whose headers errors keep. One
 * instance (and its connection pools) per client; `close` ends idle connections.
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
          const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
          if (status >= 200 && status < 300 && status !== 204) resolve(new BufferedResponse(url.href, status, res.statusMessage ?? '', res.headers, body) as unknown as Response);
          else resolve(new Response(status === 204 || status === 304 ? null : new Uint8Array(body), { status, statusText: res.statusMessage ?? '', headers: responseHeaders(res.headers) }));
        });
      });
      request.on('error', reject);
      request.end(typeof init.body === 'string' || init.body instanceof Uint8Array ? init.body : undefined);
    });
  return Object.assign(nodeFetch as typeof fetch, { close: () => Object.values(agents).forEach((a) => a.destroy()) });
}

function headersOf(headers: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  (headers instanceof Headers ? headers : new Headers(headers)).forEach((value, key) => {
    out[key] = value;
  });
  return out;
}

/** A buffered 2xx answer with the members of Response that the openai SDK reads. */
export class BufferedResponse {
  readonly ok = true;
  readonly redirected = false;
  readonly type = 'basic';
  readonly body = null;
  readonly headers: BufferedHeaders;
  private used = false;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    headers: http.IncomingHttpHeaders,
    private readonly bytes: Buffer,
  ) {
    this.headers = new BufferedHeaders(headers);
  }

  get bodyUsed(): boolean {
    return this.used;
  }

  async text(): Promise<string> {
    return this.consume().toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    return new Uint8Array(this.consume()).buffer;
  }

  /** A body is read once, as with fetch. */
  private consume(): Buffer {
    if (this.used) throw new TypeError('Body is unusable: Body has already been read');
    this.used = true;
    return this.bytes;
  }
}

/** Read-only headers of a BufferedResponse (names are lower-case, as node:http gives them). */
export class BufferedHeaders {
  constructor(private readonly raw: http.IncomingHttpHeaders) {}

  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  }

  has(name: string): boolean {
    return this.raw[name.toLowerCase()] !== undefined;
  }

  *entries(): IterableIterator<[string, string]> {
    for (const key of Object.keys(this.raw).sort()) {
      const value = this.get(key);
      if (value !== null) yield [key, value];
    }
  }

  forEach(callback: (value: string, key: string) => void): void {
    for (const [key, value] of this.entries()) callback(value, key);
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}

function responseHeaders(headers: http.IncomingHttpHeaders): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(headers)) {
    if (Array.isArray(value)) for (const v of value) out.push([key, v]);
    else if (value !== undefined) out.push([key, value]);
  }
  return out;
}
