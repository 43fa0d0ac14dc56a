import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { SlotcheckError } from '../core/errors.js';
import { startFakeOpenAIServer, type FakeServer } from '../testing/index.js';
import { createOpenAIChatModel } from './openai-chat-model.js';

const KEY = 'sk-secret-key-abcdefghijklmnopqrstuvwxyz';
let server: FakeServer | undefined;
afterEach(async () => server?.close());

const request = (model: string) => ({ model, messages: [{ role: 'user' as const, content: 'hi' }] });

describe('the openai-backed ChatModel against a local server', () => {
  it('retries a 429 (honouring Retry-After) and then succeeds', async () => {
    let calls = 0;
    server = await startFakeOpenAIServer({
      responders: {
        flaky: () => (++calls < 3 ? { status: 429, headers: { 'retry-after-ms': '10' } } : { message: { role: 'assistant', content: 'ok' } }),
      },
    });
    const model = createOpenAIChatModel({ baseURL: server.url, apiKey: KEY, timeoutMs: 5000, maxRetries: 3 });
    const result = await model.complete(request('flaky'));
    expect(result.message.content).toBe('ok');
    expect(calls).toBe(3);
  });

  it('gives up after the bounded retries on 5xx with a MODEL_SERVER error', async () => {
    let calls = 0;
    server = await startFakeOpenAIServer({ responders: { broken: () => (calls++, { status: 503, headers: { 'retry-after-ms': '1' } }) } });
    const model = createOpenAIChatModel({ baseURL: server.url, apiKey: KEY, timeoutMs: 5000, maxRetries: 2 });
    const error = await model.complete(request('broken')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlotcheckError);
    expect((error as SlotcheckError).code).toBe('MODEL_SERVER');
    expect(calls).toBe(3);
  });

  it('times out a call that hangs', async () => {
    server = await startFakeOpenAIServer({ responders: { slow: () => new Promise((r) => setTimeout(() => r({ message: { role: 'assistant', content: 'late' } }), 2000)) } });
    const model = createOpenAIChatModel({ baseURL: server.url, apiKey: KEY, timeoutMs: 100, maxRetries: 0 });
    const error = (await model.complete(request('slow')).catch((e: unknown) => e)) as SlotcheckError;
    expect(error.code).toBe('MODEL_TIMEOUT');
  });

  it('never puts the key in an error message, even when the server echoes it', async () => {
    server = await startFakeOpenAIServer({ responders: { echo: () => ({ status: 401, body: { error: { message: `Incorrect API key provided: ${KEY}` } } }) } });
    const model = createOpenAIChatModel({ baseURL: server.url, apiKey: KEY, timeoutMs: 5000, maxRetries: 0 });
    const error = (await model.complete(request('echo')).catch((e: unknown) => e)) as SlotcheckError;
    expect(error.code).toBe('MODEL_AUTH');
    expect(error.message).not.toContain(KEY.slice(0, 12));
    expect(error.message).toContain('***');
  });

  it('an empty message and a content filter are errors, not bot replies', async () => {
    server = await startFakeOpenAIServer({
      responders: {
        empty: () => ({ message: { role: 'assistant', content: null } }),
        filtered: () => ({ message: { role: 'assistant', content: '' }, finishReason: 'content_filter' }),
      },
    });
    const model = createOpenAIChatModel({ baseURL: server.url, apiKey: KEY, timeoutMs: 5000, maxRetries: 0 });
    expect(((await model.complete(request('empty')).catch((e: unknown) => e)) as SlotcheckError).code).toBe('MODEL_OUTPUT_INVALID');
    expect(((await model.complete(request('filtered')).catch((e: unknown) => e)) as SlotcheckError).code).toBe('MODEL_REFUSED');
  });

  it('leaves no listener on the caller\'s signal once a call is over (a conversation passes one signal to all its calls)', async () => {
    server = await startFakeOpenAIServer();
    const model = createOpenAIChatModel({ baseURL: server.url, apiKey: KEY, timeoutMs: 5000, maxRetries: 0 });
    const conversation = new AbortController();
    for (let i = 0; i < 12; i += 1) await model.complete(request('careful'), { signal: conversation.signal });
    await model.complete(request('no-such-model'), { signal: conversation.signal }).catch(() => undefined);
    expect(getEventListeners(conversation.signal, 'abort')).toHaveLength(0);
  });

  it('still stops a call in flight when the caller\'s signal aborts', async () => {
    server = await startFakeOpenAIServer({ responders: { slow: () => new Promise((r) => setTimeout(() => r({ message: { role: 'assistant', content: 'late' } }), 2000)) } });
    const model = createOpenAIChatModel({ baseURL: server.url, apiKey: KEY, timeoutMs: 5000, maxRetries: 0 });
    const conversation = new AbortController();
    setTimeout(() => conversation.abort(new Error('stop')), 50);
    const started = Date.now();
    await expect(model.complete(request('slow'), { signal: conversation.signal })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(1500);
  });
});
