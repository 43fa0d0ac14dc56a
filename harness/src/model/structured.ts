import type { z } from 'zod';
import { SlotcheckError } from '../core/errors.js';
import type { ChatMessage } from '../transcript/schema.js';
import type { ChatCallOptions, ChatModel, ChatRequest } from './chat-model.js';

/** A parsed, validated model answer and how many calls it took. */
export interface StructuredResult<T> {
  value: T;
  attempts: number;
  /** The raw text of the answer that was accepted. */
  raw: string;
}

/**
 * Asks for JSON and validates it with a zod schema. Invalid output (not JSON,
 * or not matching) is retried once with the problem fed back, then it is a
 * MODEL_OUTPUT_INVALID error; a refusal is MODEL_REFUSED. Model output is
 * never trusted raw.
 */
export async function completeStructured<S extends z.ZodType>(
  model: ChatModel,
  request: Omit<ChatRequest, 'json'>,
  schema: S,
  options: ChatCallOptions & { retries?: number } = {},
): Promise<StructuredResult<z.infer<S>>> {
  const retries = options.retries ?? 1;
  const messages: ChatMessage[] = [...request.messages];
  let problem = '';
  for (let attempt = 1; attempt <= retries + 1; attempt += 1) {
    const { retries: _retries, ...callOptions } = options;
    const result = await model.complete({ ...request, messages, json: true }, callOptions);
    const raw = result.message.content ?? '';
    const parsed = parseJsonAnswer(raw, schema);
    if (parsed.ok) return { value: parsed.value, attempts: attempt, raw };
    if (looksLikeRefusal(raw)) throw new SlotcheckError('MODEL_REFUSED', `the model refused: ${raw.slice(0, 200)}`);
    problem = parsed.problem;
    messages.push({ role: 'assistant', content: raw }, { role: 'user', content: `That answer was not valid: ${problem}. Reply again with only the JSON object, no prose.` });
  }
  throw new SlotcheckError('MODEL_OUTPUT_INVALID', `the model's answer was not valid JSON for the expected shape after ${retries + 1} attempts: ${problem}`);
}

type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

/** Parses JSON from a model answer, tolerating a ```json fence around it. */
export function parseJsonAnswer<S extends z.ZodType>(raw: string, schema: S): Parsed<z.infer<S>> {
  const text = raw.trim().replace(/^```(?:json)?\s*/i, '').replace(/\s*```$/, '');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0]!;
  return { ok: false, problem: `${issue.path.join('.') || 'the object'}: ${issue.message}` };
}

function looksLikeRefusal(raw: string): boolean {
  return /^\s*(i'?m sorry|i can(no|')t|i am unable|i won'?t|as an ai)\b/i.test(raw) && !raw.trim().startsWith('{');
}
