import OpenAI from 'openai';
import { SlotcheckError, type ErrorCode } from '../core/errors.js';
import { redact } from '../core/redact.js';
import { retryAfterMs } from './retry-after.js';

export { retryAfterMs } from './retry-after.js';

/** Codes worth another attempt: the endpoint may answer next time. */
const TRANSIENT: ReadonlySet<ErrorCode> = new Set(['MODEL_RATE_LIMITED', 'MODEL_SERVER', 'MODEL_CONNECTION', 'MODEL_TIMEOUT']);

/** A failed model call, with what the retry policy needs to know about it. */
export class ModelCallError extends SlotcheckError {
  constructor(
    code: ErrorCode,
    message: string,
    /** How long the endpoint asked us to wait (Retry-After), when it said. */
    readonly retryAfterMs?: number,
    readonly status?: number,
  ) {
    super(code, message);
    this.name = 'ModelCallError';
  }

  /** Transport trouble, 429, 5xx, 408 and 409 are retried; 4xx, auth and aborts are not. */
  get transient(): boolean {
    return TRANSIENT.has(this.code) || this.status === 408 || this.status === 409;
  }
}

/**
 * Maps an openai SDK error to our codes. The message is redacted: SDK errors
 * can echo request headers or a prefix of the key.
 */
export function mapModelError(error: unknown, secrets: readonly string[]): SlotcheckError {
  if (error instanceof SlotcheckError) return error;
  const code = codeFor(error);
  const status = error instanceof OpenAI.APIError ? error.status : undefined;
  const raw = error instanceof Error ? error.message : String(error);
  const message = redact(`${hint(code)}${status ? ` (HTTP ${status})` : ''}: ${raw}`, secrets);
  return new ModelCallError(code, message, error instanceof OpenAI.APIError ? retryAfterMs(error.headers) : undefined, status);
}

function codeFor(error: unknown): ErrorCode {
  if (error instanceof OpenAI.APIUserAbortError) return 'ABORTED';
  if (error instanceof OpenAI.APIConnectionTimeoutError) return 'MODEL_TIMEOUT';
  if (error instanceof OpenAI.APIConnectionError) return 'MODEL_CONNECTION';
  if (error instanceof OpenAI.RateLimitError) return 'MODEL_RATE_LIMITED';
  if (error instanceof OpenAI.AuthenticationError || error instanceof OpenAI.PermissionDeniedError) return 'MODEL_AUTH';
  if (error instanceof OpenAI.InternalServerError) return 'MODEL_SERVER';
  if (error instanceof OpenAI.APIError) return error.status !== undefined && error.status >= 500 ? 'MODEL_SERVER' : 'MODEL_REQUEST';
  if (error instanceof Error && error.name === 'AbortError') return 'ABORTED';
  return 'MODEL_CONNECTION';
}

function hint(code: ErrorCode): string {
  switch (code) {
    case 'MODEL_TIMEOUT':
      return 'model call timed out; raise --call-timeout or check the endpoint';
    case 'MODEL_CONNECTION':
      return 'could not reach the model endpoint; check OPENAI_BASE_URL';
    case 'MODEL_RATE_LIMITED':
      return 'rate limited; lower --concurrency or set --rpm/--tpm';
    case 'MODEL_AUTH':
      return 'the endpoint rejected the credentials; check OPENAI_API_KEY';
    case 'MODEL_SERVER':
      return 'the endpoint failed with a server error';
    case 'ABORTED':
      return 'the call was cancelled';
    default:
      return 'the endpoint rejected the request; check --model and the bot settings';
  }
}
