import http from 'node:http';
import https from 'node:https';
import { SlotcheckError, type ErrorCode } from '../core/errors.js';
import { redact } from '../core/redact.js';
import { describeEndpoint } from '../model/endpoint.js';
import type { WireReply, WireRequest } from './http-wire.js';

/** What one conversation adds to a call: its signal and thread, the trial (for the cache), its place in the queue. */
export interface HttpCallOptions {
  signal?: AbortSignal;
  threadId: string;
  sample: number;
  priority?: number;
  onQueue?: (queued: boolean) => void;
}

export interface HttpCallResult {
  reply: WireReply;
  /** Answered from the call cache. */
  cached?: boolean;
  /** Codes of failed attempts that were retried. */
  retried?: string[];
}

/** Sends requests to one HTTP bot. */
export interface HttpTransport {
  /** The URL for reports: no user-info, no query, secrets redacted. */
  readonly endpoint: string;
  send(request: WireRequest, options: HttpCallOptions): Promise<HttpCallResult>;
  close(): void;
}

/** A failed call to an HTTP bot: always the infrastructure's, retried only when the bot cannot have seen it. */
export class HttpCallError extends SlotcheckError {
  constructor(code: ErrorCode, message: string, readonly retryable: boolean) {
    super(code, message);
    this.name = 'HttpCallError';
  }
}

/**
 * node:http(s) with keep-alive (Node's fetch costs about twice the CPU per
 * call). Each request has `timeoutMs`; the body is buffered both ways.
 * Error messages name the bot file and never hold a secret.
 */
export function createHttpTransport(options: { url: string; timeoutMs: number; file: string; secrets: readonly string[] }): HttpTransport {
  const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };
  const endpoint = redact(describeEndpoint(options.url.replace(/\{\{\s*([\w.]+)\s*\}\}/g, ':$1')), options.secrets);
  const fail = (code: ErrorCode, why: string, retryable = false) => new HttpCallError(code, redact(`${options.file}: ${why}`, options.secrets), retryable);
  let parsed: { text: string; url: URL } | undefined;
  const send = (request: WireRequest, signal: AbortSignal | undefined) =>
    new Promise<WireReply>((resolve, reject) => {
      // Most bots have one URL: parse it once.
      const url = parsed?.text === request.url ? parsed.url : (parsed = { text: request.url, url: new URL(request.url) }).url;
      const agent = agents[url.protocol as keyof typeof agents];
      if (!agent) return reject(fail('BOT_UNREACHABLE', `unsupported protocol ${url.protocol} in http.url`));
      const headers = { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) };
      const req = (url.protocol === 'https:' ? https : http).request(url, { method: request.method, headers, agent, ...(signal ? { signal } : {}) }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (error) => reject(connectionError(error, false)));
        res.on('close', () => {
          if (!res.complete) reject(fail('BOT_UNREACHABLE', `the connection to the bot at ${endpoint} closed before its reply ended`));
        });
        // A bot that echoes a token must not get it into a transcript.
        res.on('end', () => resolve({ status: res.statusCode ?? 500, headers: res.headers, body: redact(Buffer.concat(chunks).toString('utf8'), options.secrets) }));
      });
      const timer = setTimeout(() => req.destroy(fail('BOT_TIMEOUT', `the bot at ${endpoint} did not answer within ${options.timeoutMs / 1000} s (--call-timeout)`)), options.timeoutMs);
      req.on('close', () => clearTimeout(timer));
      req.on('error', (error) => reject(error instanceof HttpCallError || signal?.aborted ? error : connectionError(error, req.reusedSocket)));
      req.end(request.body);
    });
  /** Refused: nothing was sent. A reset on a reused keep-alive socket: the server had closed it, nothing was read. */
  const connectionError = (error: Error, reusedSocket: boolean) => {
    const code = (error as NodeJS.ErrnoException).code;
    const retryable = code === 'ECONNREFUSED' || (reusedSocket && code === 'ECONNRESET');
    return fail('BOT_UNREACHABLE', `could not reach the bot at ${endpoint}: ${error.message}${code === 'ECONNREFUSED' ? ' (is it running? check http.url)' : ''}`, retryable);
  };
  return {
    endpoint,
    send: async (request, call) => ({ reply: await send(request, call.signal) }),
    close: () => Object.values(agents).forEach((a) => a.destroy()),
  };
}
