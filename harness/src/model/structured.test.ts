import { afterEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { SlotcheckError } from '../core/errors.js';
import { startFakeOpenAIServer, type FakeServer } from '../testing/index.js';
import { createOpenAIChatModel } from './openai-chat-model.js';
import { completeStructured } from './structured.js';

const Answer = z.object({ verdict: z.enum(['yes', 'no']) });
let server: FakeServer | undefined;
afterEach(async () => server?.close());

async function modelAnswering(...answers: string[]) {
  let n = 0;
  server = await startFakeOpenAIServer({ recordRequests: true, responders: { judge: () => ({ message: { role: 'assistant', content: answers[Math.min(n++, answers.length - 1)]! } }) } });
  return createOpenAIChatModel({ baseURL: server.url, apiKey: 'k', timeoutMs: 5000, maxRetries: 0 });
}
const ask = { model: 'judge', messages: [{ role: 'user' as const, content: 'yes or no?' }] };

describe('completeStructured', () => {
  it('parses valid JSON (even inside a code fence) and asks for a JSON object', async () => {
    const model = await modelAnswering('```json\n{"verdict": "yes"}\n```');
    const result = await completeStructured(model, ask, Answer);
    expect(result).toMatchObject({ value: { verdict: 'yes' }, attempts: 1 });
    expect(server!.requests[0]!.body.response_format).toEqual({ type: 'json_object' });
  });

  it('retries once on invalid JSON, feeding the problem back, then succeeds', async () => {
    const model = await modelAnswering('{"verdict": maybe', '{"verdict": "no"}');
    const result = await completeStructured(model, ask, Answer);
    expect(result).toMatchObject({ value: { verdict: 'no' }, attempts: 2 });
    const retry = server!.requests[1]!.body.messages;
    expect(retry[retry.length - 1]!.content).toMatch(/not valid: not JSON/);
  });

  it('gives up after the retry with MODEL_OUTPUT_INVALID', async () => {
    const model = await modelAnswering('{"verdict": "perhaps"}');
    const error = (await completeStructured(model, ask, Answer).catch((e: unknown) => e)) as SlotcheckError;
    expect(error.code).toBe('MODEL_OUTPUT_INVALID');
    expect(server!.stats.chat).toBe(2);
  });

  it('a refusal is MODEL_REFUSED, not retried as bad JSON', async () => {
    const model = await modelAnswering("I'm sorry, I can't help with that.");
    const error = (await completeStructured(model, ask, Answer).catch((e: unknown) => e)) as SlotcheckError;
    expect(error.code).toBe('MODEL_REFUSED');
    expect(server!.stats.chat).toBe(1);
  });
});
