import { SlotcheckError } from './core/errors.js';

export { describeEndpoint } from './model/endpoint.js';

/** Where the model lives, read from the environment at the CLI edge only. */
export interface ModelEndpoint {
  baseURL?: string;
  apiKey?: string;
  /** Extra headers for every request (`OPENAI_CUSTOM_HEADERS`, one `Name: value` a line, as the openai SDK reads it). */
  headers?: Record<string, string>;
}

/**
 * The endpoint from OPENAI_BASE_URL, OPENAI_API_KEY and OPENAI_CUSTOM_HEADERS.
 * A base URL that is not an http(s) URL is a usage error (exit 2) whose
 * message does not repeat it: it may hold a credential.
 */
export function endpointFromEnv(env: NodeJS.ProcessEnv): ModelEndpoint {
  if (env.OPENAI_BASE_URL) checkBaseURL(env.OPENAI_BASE_URL);
  const headers = parseHeaders(env.OPENAI_CUSTOM_HEADERS);
  return {
    ...(env.OPENAI_BASE_URL ? { baseURL: env.OPENAI_BASE_URL } : {}),
    ...(env.OPENAI_API_KEY ? { apiKey: env.OPENAI_API_KEY } : {}),
    ...(headers ? { headers } : {}),
  };
}

/** A model is configured when there is a key (OpenAI) or a base URL (a local server needs no key). */
export function isModelConfigured(endpoint: ModelEndpoint): boolean {
  return Boolean(endpoint.apiKey || endpoint.baseURL);
}

/**
 * Every credential an endpoint is configured with, to be redacted wherever
 * text is written or printed: the key, the user-info of the base URL, and
 * each query value or custom header value that is secret-bearing, by its
 * name (`api-key`, `token`, `Authorization`, …) or by its look (a long run
 * of letters and digits). Plain settings (`api-version=2024-06-01`) are not
 * secrets: redacting them would blank dates out of transcripts.
 */
export function endpointSecrets(endpoint: ModelEndpoint): string[] {
  const secrets = [endpoint.apiKey ?? ''];
  const url = parseURL(endpoint.baseURL);
  if (url) {
    secrets.push(safeDecode(url.username), safeDecode(url.password));
    for (const [name, value] of url.searchParams) if (isSecret(name, value)) secrets.push(value);
  }
  for (const [name, value] of Object.entries(endpoint.headers ?? {})) {
    if (!isSecret(name, value)) continue;
    // "Bearer abc…": the token may be echoed without its scheme.
    secrets.push(value, ...value.split(/\s+/).filter((part) => !/^(bearer|basic|token|digest)$/i.test(part)));
  }
  return [...new Set(secrets.filter((s) => s.length >= 6))].sort((a, b) => b.length - a.length);
}

const SECRET_NAME = /key|token|secret|sig|pass|auth|cred|session|cookie/i;

function isSecret(name: string, value: string): boolean {
  return SECRET_NAME.test(name) || (/^\S{16,}$/.test(value) && /\d/.test(value) && /[a-z]/i.test(value));
}

/** Secrets of the environment's endpoint, without failing on a malformed one (for error messages). */
export function envSecrets(env: NodeJS.ProcessEnv): string[] {
  try {
    return endpointSecrets(endpointFromEnv(env));
  } catch {
    // A base URL that does not parse: its parts that look like credentials.
    const parts = (env.OPENAI_BASE_URL ?? '').split(/[/?&=:@#\s]+/).filter((part) => isSecret('', part));
    return [env.OPENAI_API_KEY ?? '', ...parts].filter((s) => s.length >= 6);
  }
}

function checkBaseURL(baseURL: string): void {
  const url = parseURL(baseURL);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new SlotcheckError('MODEL_NOT_CONFIGURED', 'OPENAI_BASE_URL is not an http(s) URL; set it like http://localhost:11434/v1 or https://api.openai.com/v1');
  }
}

function parseHeaders(text: string | undefined): Record<string, string> | undefined {
  if (!text) return undefined;
  const headers: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return Object.keys(headers).length > 0 ? headers : undefined;
}

function parseURL(text: string | undefined): URL | undefined {
  try {
    return text ? new URL(text) : undefined;
  } catch {
    return undefined;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
