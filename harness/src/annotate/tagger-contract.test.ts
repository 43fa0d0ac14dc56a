import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaskSchema } from '../bot/task.js';
import { createOpenAIChatModel } from '../model/openai-chat-model.js';
import { startFakeOpenAIServer, type FakeServer } from '../testing/index.js';
import type { Conversation } from '../transcript/schema.js';
import { TAGGERS } from './registry.js';

const task = TaskSchema.parse({
  name: 'BookTable',
  slots: [{ name: 'date', type: 'date' }, { name: 'party_size', type: 'integer' }],
  actions: [{ name: 'book_table', required: ['date', 'party_size'], consequential: true }, { name: 'check_hours' }],
});
const conversation: Conversation = {
  id: 'contract',
  messages: [
    { role: 'user', content: 'Two people on December 5.' },
    { role: 'assistant', content: null, tool_calls: [{ id: 'a', type: 'function', function: { name: 'check_hours', arguments: 'not json' } }] },
    { role: 'tool', tool_call_id: 'a', content: '{"open": true}' },
    { role: 'assistant', content: 'Booking now.', tool_calls: [{ id: 'b', type: 'function', function: { name: 'book_table', arguments: '{"date":"2026-12-05","party_size":2}' } }] },
    { role: 'tool', tool_call_id: 'b', content: '{"status":"booked"}' },
  ],
};

/** Every tagger in the registry honours the Tagger contract the detectors rely on. */
describe.each(Object.keys(TAGGERS))('the %s tagger', (id) => {
  let server: FakeServer;
  beforeAll(async () => {
    server = await startFakeOpenAIServer({ responders: { tagger: () => ({ message: { role: 'assistant', content: '{"messages": []}' } }) } });
  });
  afterAll(async () => server.close());
  const tagger = () => TAGGERS[id]!({ model: createOpenAIChatModel({ baseURL: server.url, apiKey: 'k', timeoutMs: 5000, maxRetries: 0 }), modelName: 'tagger' });

  it('gives acts for every message, none for tool results, and CALL acts read from the tool calls', async () => {
    const acts = await tagger().tag(conversation, { task, today: '2026-11-24' });
    expect(acts).toHaveLength(conversation.messages.length);
    expect(acts[2]).toEqual([]);
    expect(acts[4]).toEqual([]);
    expect(acts[1]).toEqual([{ act: 'CALL', action: 'check_hours', consequential: false }]);
    expect(acts[3]!.filter((a) => a.act === 'CALL')).toEqual([{ act: 'CALL', action: 'book_table', consequential: true, args: { date: '2026-12-05', party_size: 2 } }]);
  });
});
