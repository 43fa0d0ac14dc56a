import { isSlotcheckError, SlotcheckError } from '../core/errors.js';
import { redact } from '../core/redact.js';

/** `value` with every secret in its JSON text redacted; `value` itself when it holds none. */
export function redactJson<T>(value: T, secrets: readonly string[]): T {
  const text = JSON.stringify(value);
  const clean = redact(text, secrets);
  return clean === text ? value : (JSON.parse(clean) as T);
}

/** A SlotcheckError with its message redacted (same code); anything else as it is. */
export function redactError(error: unknown, secrets: readonly string[]): unknown {
  return isSlotcheckError(error) ? new SlotcheckError(error.code, redact(error.message, secrets)) : error;
}
