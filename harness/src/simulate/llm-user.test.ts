import { afterEach, describe, expect, it } from 'vitest';
import type { Act } from '../annotate/acts.js';
import { TaskSchema } from '../bot/task.js';
import type { SlotcheckError } from '../core/errors.js';
import { createOpenAIChatModel } from '../model/openai-chat-model.js';
import { ScenarioSchema, type Scenario } from '../scenario/schema.js';
import { startFakeOpenAIServer, type FakeServer } from '../testing/index.js';
import type { ChatMessage } from '../transcript/schema.js';
import { createLlmUser } from './llm-user.js';

const task = TaskSchema.parse({
  name: 'BookTable',
  description: 'Book a table',
  slots: [{ name: 'date', type: 'date' }, { name: 'time', type: 'time' }, { name: 'name' }, { name: 'seating', values: ['inside', 'terrace'] }],
  actions: [{ name: 'book_table', description: 'Book a table at the restaurant', required: ['date', 'time', 'name'], optional: ['seating'], consequential: true }],
});
function scenario(user: object): Scenario {
  const parsed = ScenarioSchema.parse({ bot: 'restaurant', today: '2026-11-24', user: { goal: { date: '2026-12-05', time: '19:30', name: 'Ada' }, ...user } });
  return { ...parsed, id: 'test', file: 'scenarios/test.yaml' };
}
const reply = (answer: object) => JSON.stringify({ affirms: false, negates: false, goAhead: false, ends: false, gives: {}, ...answer });

let server: FakeServer | undefined;
afterEach(async () => server?.close());

/** A simulator model that gives these answers in turn (the last one repeats). */
async function userModel(...answers: string[]) {
  let n = 0;
  server = await startFakeOpenAIServer({ recordRequests: true, responders: { sim: () => ({ message: { role: 'assistant', content: answers[Math.min(n++, answers.length - 1)]! } }) } });
  return { model: createOpenAIChatModel({ baseURL: server.url, apiKey: 'k', timeoutMs: 5000, maxRetries: 0 }), modelName: 'sim' };
}
const history: ChatMessage[] = [{ role: 'user', content: 'Hi, a table on December 5.' }, { role: 'assistant', content: 'What time, please?' }];
const view = (botActs: Act[], actionDone = false) => ({ messages: history, botActs, actionDone });
const lastFeedback = () => server!.requests.at(-1)!.body.messages.at(-1)!.content ?? '';

describe('the LLM user through a local OpenAI-compatible server', () => {
  it('turns a valid structured reply into ground-truth acts, with the goal\'s values', async () => {
    const user = createLlmUser(scenario({ volunteer: ['date'], persona: 'A busy nurse who types in short bursts.' }), task, await userModel(
      reply({ reply: 'Hi, I need a table on December 5.', gives: { date: 'December 5' } }),
    ));
    expect(await user.open()).toEqual({ content: 'Hi, I need a table on December 5.', acts: [{ act: 'INFORM', slot: 'date', value: '2026-12-05' }] });
    const prompt = server!.requests[0]!.body.messages[0]!.content!;
    expect(prompt).toContain('A busy nurse who types in short bursts.');
    expect(prompt).toContain('give exactly these details and no others: date');
    expect(server!.requests[0]!.body.response_format).toEqual({ type: 'json_object' });
  });

  it('plays a verbatim opening without a call, and stops without one once the action is done', async () => {
    const user = createLlmUser(scenario({ volunteer: ['date'], opening: 'Table on the 5th of December, please.' }), task, await userModel(reply({ reply: 'unused' })));
    expect((await user.open()).acts).toEqual([{ act: 'INFORM', slot: 'date', value: '2026-12-05' }]);
    expect(await user.respond(view([], true))).toBeNull();
    expect(server!.stats.chat).toBe(0);
  });

  it('recovers from invalid JSON with one retry, and ends when the model says so', async () => {
    const user = createLlmUser(scenario({}), task, await userModel('{"reply": "7:30 pm"', reply({ reply: '19:30 please.', gives: { time: '7:30 pm' } }), reply({ ends: true })));
    expect(await user.respond(view([{ act: 'REQUEST', slot: 'time' }]))).toEqual({ content: '19:30 please.', acts: [{ act: 'INFORM', slot: 'time', value: '19:30' }] });
    expect(server!.stats.chat).toBe(2);
    expect(await user.respond(view([{ act: 'CLAIMS_DONE' }]))).toBeNull();
  });

  it('a refusal fails the simulator, not the bot', async () => {
    const user = createLlmUser(scenario({}), task, await userModel("I'm sorry, I can't role-play that."));
    const error = (await user.respond(view([])).catch((e: unknown) => e)) as SlotcheckError;
    expect(error.code).toBe('SIMULATOR_FAILED');
    expect(error.message).toMatch(/refused/);
  });

  it('catches a leaked value, regenerates once with the problem, and accepts the fix', async () => {
    const user = createLlmUser(scenario({}), task, await userModel(
      reply({ reply: 'Under Bob, on the terrace.', gives: { name: 'Bob', seating: 'terrace' } }),
      reply({ reply: 'Under Ada.', gives: { name: 'Ada' } }),
    ));
    expect((await user.respond(view([{ act: 'REQUEST', slot: 'name' }])))!.acts).toEqual([{ act: 'INFORM', slot: 'name', value: 'Ada' }]);
    expect(lastFeedback()).toContain('the name you give must be Ada, not Bob');
    expect(lastFeedback()).toContain('"seating" is not one of your details');
  });

  it('fails the conversation when the model keeps leaking', async () => {
    const user = createLlmUser(scenario({}), task, await userModel(reply({ reply: 'On the terrace.', gives: { seating: 'terrace' } })));
    const error = (await user.respond(view([{ act: 'REQUEST', slot: 'seating' }])).catch((e: unknown) => e)) as SlotcheckError;
    expect(error.code).toBe('SIMULATOR_FAILED');
    expect(error.message).toContain('scenarios/test.yaml');
    expect(server!.stats.chat).toBe(2);
  });

  it('catches authorisation the scenario does not allow yet', async () => {
    const early = reply({ reply: "Yes, that's right, go ahead.", affirms: true, goAhead: true });
    const confirmed: Act[] = [{ act: 'CONFIRM', slot: 'time', value: '19:30' }];
    const user = createLlmUser(scenario({}), task, await userModel(early, reply({ reply: "Yes, that's right.", affirms: true })));
    expect((await user.respond(view(confirmed)))!.acts).toEqual([{ act: 'AFFIRM' }]);
    expect(lastFeedback()).toContain('give permission only when the bot asks whether it may go ahead');
    await server!.close();

    const never = createLlmUser(scenario({ goAhead: 'never' }), task, await userModel(reply({ reply: 'Yes, go ahead.', affirms: true, goAhead: true })));
    const error = (await never.respond(view([{ act: 'ASK_GO_AHEAD' }])).catch((e: unknown) => e)) as SlotcheckError;
    expect(error.code).toBe('SIMULATOR_FAILED');
    expect(error.message).toContain('you never give the bot permission');
  });

  it('makes the scenario\'s correction before agreeing or authorising', async () => {
    const corrections = [{ slot: 'time', to: '20:30' }];
    const user = createLlmUser(scenario({ volunteer: ['date', 'time'], corrections }), task, await userModel(
      reply({ reply: 'Hi, December 5 at 19:30.', gives: { date: '2026-12-05', time: '19:30' } }),
      reply({ reply: 'Yes, go ahead.', affirms: true, goAhead: true }),
      reply({ reply: 'No, make it 20:30.', negates: true, gives: { time: '20:30' } }),
      reply({ reply: 'Yes, go ahead.', affirms: true, goAhead: true }),
    ));
    await user.open();
    const asked: Act[] = [{ act: 'CONFIRM', slot: 'time', value: '19:30' }, { act: 'ASK_GO_AHEAD' }];
    expect((await user.respond(view(asked)))!.acts).toEqual([{ act: 'NEGATE' }, { act: 'INFORM', slot: 'time', value: '20:30' }]);
    expect(lastFeedback()).toContain('change the time to 20:30');
    expect((await user.respond(view([{ act: 'CONFIRM', slot: 'time', value: '20:30' }, { act: 'ASK_GO_AHEAD' }])))!.acts).toEqual([{ act: 'AFFIRM' }, { act: 'GO_AHEAD' }]);
  });

  it('ends like the rule-based user: after refusing permission for good, and after three idle replies', async () => {
    const never = createLlmUser(scenario({ goAhead: 'never' }), task, await userModel(reply({ reply: 'No, not yet.', negates: true })));
    expect((await never.respond(view([{ act: 'ASK_GO_AHEAD' }])))!.acts).toEqual([{ act: 'NEGATE' }]);
    expect(await never.respond(view([]))).toBeNull();
    expect(server!.stats.chat).toBe(1);
    await server!.close();
    const chatty = createLlmUser(scenario({}), task, await userModel(reply({ reply: 'Nice weather today.' })));
    expect(await chatty.respond(view([]))).not.toBeNull();
    expect(await chatty.respond(view([]))).not.toBeNull();
    expect(await chatty.respond(view([]))).toBeNull();
  });
});
