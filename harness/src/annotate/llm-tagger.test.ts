import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TaskSchema } from '../bot/task.js';
import type { SlotcheckError } from '../core/errors.js';
import { createOpenAIChatModel } from '../model/openai-chat-model.js';
import { startFakeOpenAIServer, type FakeServer } from '../testing/index.js';
import type { Conversation } from '../transcript/schema.js';
import { prematureActionDetector } from '../detect/premature-action.js';
import { reAskDetector } from '../detect/re-ask.js';
import { createLlmTagger } from './llm-tagger.js';
import { createTagger } from './registry.js';

const KEY = 'sk-tagger-test-key-0123456789abcdef';
const task = TaskSchema.parse({
  name: 'BookTable',
  description: 'Book a table',
  slots: [{ name: 'date', type: 'date' }, { name: 'time', type: 'time' }, { name: 'party_size', type: 'integer' }, { name: 'name' }],
  actions: [{ name: 'book_table', required: ['date', 'time', 'party_size', 'name'], consequential: true }],
});
const conversation: Conversation = {
  id: 'c1',
  messages: [
    { role: 'user', content: 'A table for 4 on December 5, please.' },
    { role: 'assistant', content: 'What time, and under which name?' },
    { role: 'user', content: '19:30, for Ada.' },
    { role: 'assistant', content: 'So 4 people on December 5 at 19:30 for Ada. Shall I book it?' },
    { role: 'user', content: 'Yes, go ahead.' },
    { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'book_table', arguments: '{"date":"2026-12-05","time":"19:30","party_size":4,"name":"Ada"}' } }] },
    { role: 'tool', tool_call_id: 'call_1', content: '{"status":"booked"}' },
    { role: 'assistant', content: 'Your table is booked.' },
  ],
};
const VALID = JSON.stringify({
  messages: [
    { index: 0, acts: [{ act: 'INFORM', slot: 'party_size', value: 4 }, { act: 'INFORM', slot: 'date', value: 'December 5' }] },
    { index: 1, acts: [{ act: 'REQUEST', slot: 'time' }, { act: 'request', slot: 'name', value: null }] },
    { index: 2, acts: [{ act: 'INFORM', slot: 'time', value: '19:30' }, { act: 'INFORM', slot: 'name', value: 'Ada' }] },
    { index: 3, acts: [{ act: 'CONFIRM', slot: 'time', value: '19:30' }, { act: 'propose' }, { act: 'ASK_GO_AHEAD', slot: null }] },
    { index: 4, acts: [{ act: 'AFFIRM' }, { act: 'GO_AHEAD' }] },
    { index: 7, acts: [{ act: 'CLAIMS_DONE' }] },
  ],
});

let server: FakeServer | undefined;
let cacheDir: string | undefined;
afterEach(async () => {
  await server?.close();
  if (cacheDir) await rm(cacheDir, { recursive: true, force: true });
  cacheDir = undefined;
});

/** A tagger model that gives these answers in turn (the last one repeats). */
async function taggerModel(...answers: string[]) {
  let n = 0;
  server = await startFakeOpenAIServer({ recordRequests: true, responders: { tagger: () => ({ message: { role: 'assistant', content: answers[Math.min(n++, answers.length - 1)]! } }) } });
  return createOpenAIChatModel({ baseURL: server.url, apiKey: KEY, timeoutMs: 5000, maxRetries: 0 });
}
const context = { task, today: '2026-11-24' };

describe('the LLM tagger through a local OpenAI-compatible server', () => {
  it('tags every message with one call, reading tool calls structurally', async () => {
    const tagger = createLlmTagger({ model: await taggerModel(VALID), modelName: 'tagger' });
    const acts = await tagger.tag(conversation, context);
    expect(server!.stats.chat).toBe(1);
    expect(acts).toHaveLength(8);
    expect(acts[1]).toEqual([{ act: 'REQUEST', slot: 'time' }, { act: 'REQUEST', slot: 'name' }]);
    expect(acts[3]).toEqual([{ act: 'CONFIRM', slot: 'time', value: '19:30' }, { act: 'PROPOSE' }, { act: 'ASK_GO_AHEAD' }]);
    expect(acts[5]).toEqual([{ act: 'CALL', action: 'book_table', consequential: true, args: { date: '2026-12-05', time: '19:30', party_size: 4, name: 'Ada' } }]);
    expect(acts[6]).toEqual([]);
    const body = server!.requests[0]!.body;
    expect(body).toMatchObject({ model: 'tagger', temperature: 0, response_format: { type: 'json_object' } });
    expect(body.messages[0]!.content).toContain('[3] Bot: So 4 people on December 5');
    expect(body.messages[0]!.content).toContain('[6] Tool result (context)');
    // The prompt carries the consent rules the offline tagger follows: presentations, approvals anywhere in a reply.
    expect(body.messages[0]!.content).toMatch(/- PROPOSE: presents what the bot is about to do/);
    expect(body.messages[0]!.content).toMatch(/The yes can sit anywhere in the reply/);
    expect(body.messages[0]!.content).toMatch(/a definite reference when only one object of that kind/);
    expect(body.messages[0]!.content).toMatch(/stated the action and its objects on the way to a request for information/);
  });

  it('a presentation the model tags approves the calls after a yes, as with the offline tagger', async () => {
    const tagger = createLlmTagger({ model: await taggerModel(VALID), modelName: 'tagger' });
    const acts = await tagger.tag(conversation, context);
    expect(prematureActionDetector.detect({ conversation, task, acts, userActsAreGroundTruth: false })).toEqual([]);
    const withoutPresentation = acts.map((a, i) => (i === 3 ? a.filter((x) => x.act !== 'PROPOSE') : a));
    expect(prematureActionDetector.detect({ conversation, task, acts: withoutPresentation, userActsAreGroundTruth: false }).map((f) => f.messageIndex)).toEqual([5]);
  });

  it('carries what a question offers, asks for another value or narrows, and the action a claim names, as the offline tagger does', async () => {
    const marked = JSON.stringify({
      messages: [
        { index: 0, acts: [{ act: 'INFORM', slot: 'party_size', value: 4 }, { act: 'INFORM', slot: 'date', value: 'December 5' }] },
        { index: 1, acts: [{ act: 'REQUEST', slot: 'time', options: ['19:30', '20:00'] }, { act: 'REQUEST', slot: 'date', another: true, narrows: null, options: ['December 5'] }] },
        { index: 2, acts: [{ act: 'INFORM', slot: 'time', value: '19:30' }] },
        { index: 7, acts: [{ act: 'CLAIMS_DONE', action: 'book_table' }] },
      ],
    });
    const acts = await createLlmTagger({ model: await taggerModel(marked), modelName: 'tagger' }).tag(conversation, context);
    expect(acts[1]).toEqual([{ act: 'REQUEST', slot: 'time', options: ['19:30', '20:00'] }, { act: 'REQUEST', slot: 'date', another: true }]);
    expect(acts[7]).toEqual([{ act: 'CLAIMS_DONE', action: 'book_table' }]);
    // The request for another date is no re-ask of the date the user gave.
    expect(reAskDetector.detect({ conversation, task, acts, userActsAreGroundTruth: false })).toEqual([]);
    const prompt = server!.requests[0]!.body.messages[0]!.content;
    expect(prompt).toContain('"another": true when it asks for a value other than one the user gave');
    expect(prompt).toContain('{"act": "CLAIMS_DONE", "action": "book_table"}');
  });

  it('a claim naming an action the task does not have is invalid output', async () => {
    const unknownAction = JSON.stringify({ messages: [{ index: 7, acts: [{ act: 'CLAIMS_DONE', action: 'refund_order' }] }] });
    const tagger = createLlmTagger({ model: await taggerModel(unknownAction, VALID), modelName: 'tagger' });
    expect((await tagger.tag(conversation, context))[7]).toEqual([{ act: 'CLAIMS_DONE' }]);
    const retry = server!.requests[1]!.body.messages;
    expect(retry[retry.length - 1]!.content).toContain('action "refund_order" is not one of the task\'s actions');
  });

  it('recovers from invalid JSON with one retry', async () => {
    const tagger = createLlmTagger({ model: await taggerModel('{"messages": [', VALID), modelName: 'tagger' });
    const acts = await tagger.tag(conversation, context);
    expect(server!.stats.chat).toBe(2);
    expect(acts[4]).toEqual([{ act: 'AFFIRM' }, { act: 'GO_AHEAD' }]);
  });

  it('treats a slot outside the task, or an act that does not fit the speaker, as invalid output', async () => {
    const unknownSlot = JSON.stringify({ messages: [{ index: 0, acts: [{ act: 'INFORM', slot: 'phone', value: '555' }] }] });
    const wrongSpeaker = JSON.stringify({ messages: [{ index: 0, acts: [{ act: 'REQUEST', slot: 'date' }] }] });
    let tagger = createLlmTagger({ model: await taggerModel(unknownSlot, VALID), modelName: 'tagger' });
    expect((await tagger.tag(conversation, context))[0]).toHaveLength(2);
    const retry = server!.requests[1]!.body.messages;
    expect(retry[retry.length - 1]!.content).toContain('slot "phone" is not in the task');
    await server!.close();
    tagger = createLlmTagger({ model: await taggerModel(wrongSpeaker), modelName: 'tagger' });
    const error = (await tagger.tag(conversation, context).catch((e: unknown) => e)) as SlotcheckError;
    expect(error.code).toBe('MODEL_OUTPUT_INVALID');
    expect(error.message).toContain('REQUEST is not an act of a user message');
  });

  it('a refusal is MODEL_REFUSED after one call', async () => {
    const tagger = createLlmTagger({ model: await taggerModel("I'm sorry, I can't help with that."), modelName: 'tagger' });
    const error = (await tagger.tag(conversation, context).catch((e: unknown) => e)) as SlotcheckError;
    expect(error.code).toBe('MODEL_REFUSED');
    expect(server!.stats.chat).toBe(1);
  });

  it('answers a second run from the disk cache, keyed by model, without the API key', async () => {
    cacheDir = await mkdtemp(join(tmpdir(), 'slotcheck-tagger-cache-'));
    const model = await taggerModel(VALID);
    const first = await createLlmTagger({ model, modelName: 'tagger', cacheDir }).tag(conversation, context);
    const second = await createLlmTagger({ model, modelName: 'tagger', cacheDir }).tag(conversation, context);
    expect(second).toEqual(first);
    expect(server!.stats.chat).toBe(1);
    await createLlmTagger({ model, modelName: 'other-tagger', cacheDir }).tag(conversation, context).catch(() => undefined);
    expect(server!.stats.chat).toBe(2);
    const files = (await readdir(cacheDir, { recursive: true })).filter((f) => f.endsWith('.json'));
    expect(files).toHaveLength(1);
    expect(await readFile(join(cacheDir, files[0]!), 'utf8')).not.toContain(KEY.slice(0, 10));
  });
});

describe('the tagger registry', () => {
  it('lists the known taggers for an unknown id, and the llm tagger needs a model', () => {
    expect(() => createTagger('nope')).toThrow(/unknown tagger "nope"; known: offline, llm/);
    expect(() => createTagger('llm')).toThrow(expect.objectContaining({ code: 'MODEL_NOT_CONFIGURED' }));
    expect(createTagger('offline').id).toBe('offline');
  });
});
