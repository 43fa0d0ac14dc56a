import OpenAI from 'openai';
import { SlotcheckError, type ErrorCode } from '../core/errors.js';
import { redact } from '../core/redact.js';

/**
 * Maps an openai SDK error to our codes. The message is redacted: SDK errors
 * can echo request headers or a prefix of the key.
 */
export function mapModelError(error: unknown, secrets: readonly string[]): SlotcheckError {
  if (error instanceof SlotcheckError) return error;
  const code = codeFor(error);
  const status = error instanceof OpenAI.APIError && error.status ? ` (HTTP ${error.status})` : '';
  const raw = error instanceof Error ? error.message : String(error);
  return new SlotcheckError(code, redact(`${hint(code)}${status}: ${raw}`, secrets));
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
      return 'model call timed out after retries; raise --call-timeout or check the endpoint';
    case 'MODEL_CONNECTION':
      return 'could not reach the model endpoint; check OPENAI_BASE_URL';
    case 'MODEL_RATE_LIMITED':
      return 'rate limited after retries; lower --concurrency';
    case 'MODEL_AUTH':
      return 'the endpoint rejected the credentials; check OPENAI_API_KEY';
    case 'MODEL_SERVER':
      return 'the endpoint kept failing with server errors';
    case 'ABORTED':
      return 'the call was cancelled';
    default:
      return 'the endpoint rejected the request; check --model and the bot settings';
  }
}
