import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAIChatModel } from '../model/openai-chat-model.js';
import type { Scenario } from '../scenario/schema.js';
import { startFakeOpenAIServer, type FakeServer } from '../testing/fake-openai-server.js';
import { partialTurnOf } from './bot.js';
import { newCallMeter } from './driver.js';
import { withPrompt } from './load-prompt.js';
import { connectPromptBot } from './prompt-bot.js';
import { PromptBotFileSchema } from './schema.js';
import { ToolMocksSchema } from './tool-mock-schema.js';

const file = PromptBotFileSchema.parse({ task: { name: 'T', slots: [{ name: 'date' }], actions: [{ name: 'book', required: ['date'], consequential: true }] }, toolResults: { book: { from: 'bot' } } });
const { task, $schema: _s, kind: _k, ...settings } = file;
const bot = withPrompt({ name: 'b', dir: '.', file: 'bots/b/bot.yaml', task, description: '', settings, secrets: [] }, 'Book on {{today}}.', 'prompt.md');
const call = { id: 'c1', type: 'function' as const, function: { name: 'book', arguments: '{"date":"2026-12-05"}' } };

describe('prompt bots', () => {
  let server: FakeServer;
  beforeAll(async () => {
    server = await startFakeOpenAIServer({
      recordRequests: true,
      responders: {
        // Books, then says so; `breaks` fails the call that follows the tool result.
        books: (request) => (request.messages.at(-1)?.role === 'tool' ? { message: { role: 'assistant', content: 'Booked.' } } : { message: { role: 'assistant', content: null, tool_calls: [call] } }),
        breaks: (request) => (request.messages.at(-1)?.role === 'tool' ? { status: 400, body: { error: { message: 'bad request' } } } : { message: { role: 'assistant', content: null, tool_calls: [call] } }),
      },
    });
  });
  afterAll(() => server.close());

  const open = (modelName: string, scenario: Partial<Scenario> = {}) => {
    const model = createOpenAIChatModel({ baseURL: server.url, apiKey: 'k', timeoutMs: 5000, maxRetries: 0 });
    const meter = newCallMeter();
    const conversation = { scenario: { toolMocks: {}, toolResults: {}, ...scenario } as Scenario, today: '2026-11-24', trial: 1, meter, nextCall: () => ({ priority: 0, onQueue: () => undefined }) };
    return { bot: connectPromptBot(bot, model, modelName).open(conversation), meter };
  };
  const input = { threadId: 't', messages: [{ role: 'user' as const, content: 'Book it' }], newMessages: [], scenario: { id: 's', today: '2026-11-24', trial: 1 } };

  it('a turn is the model\'s call, the simulated result (the scenario\'s mock before the bot\'s result) and its answer, with the rendered prompt', async () => {
    const { bot: plain, meter } = open('books');
    expect((await plain.respond(input)).messages).toEqual([{ role: 'assistant', content: null, tool_calls: [call] }, { role: 'tool', tool_call_id: 'c1', content: '{"from":"bot"}' }, { role: 'assistant', content: 'Booked.' }]);
    expect(meter.calls).toBe(2);
    expect(server.requests.at(-1)!.body.messages[0]).toEqual({ role: 'system', content: 'Book on 2026-11-24.' });
    const { bot: mocked } = open('books', { toolMocks: ToolMocksSchema.parse({ book: [{ error: 'full' }] }) });
    expect((await mocked.respond(input)).messages[1]).toEqual({ role: 'tool', tool_call_id: 'c1', content: '{"status":"error","error":"full"}' });
  });

  it('a turn that fails after a tool round keeps the call and its result for the transcript', async () => {
    const error = await open('breaks').bot.respond(input).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'MODEL_REQUEST' });
    expect(partialTurnOf(error)).toEqual([{ role: 'assistant', content: null, tool_calls: [call] }, { role: 'tool', tool_call_id: 'c1', content: '{"from":"bot"}' }]);
  });
});
