import { describe, expect, it } from 'vitest';
import { RESTAURANT } from '../testing/detector-fixtures.js';
import type { AssistantMessage } from '../transcript/schema.js';
import { createSimulatedTools, failedCalls } from './tool-results.js';

const call = (name: string, args = '{"date":"2026-12-05"}'): AssistantMessage => ({ role: 'assistant', content: null, tool_calls: [{ id: `c-${name}`, type: 'function', function: { name, arguments: args } }] });
const bot = { task: RESTAURANT, settings: { toolResults: { book_table: { status: 'booked' } } } } as never;

describe('simulated tools', () => {
  it('successive calls follow toolOutcomes, the last one repeating; success returns the scenario\'s, else the bot\'s result', () => {
    const tools = createSimulatedTools({ toolResults: {}, toolOutcomes: { book_table: ['fail', 'ok'] } }, bot);
    const answers = [1, 2, 3].map(() => tools.answer(call('book_table'))[0]!);
    expect(answers.map((a) => a.ok)).toEqual([false, true, true]);
    expect(JSON.parse(answers[0]!.message.content as string)).toMatchObject({ status: 'failed', error: expect.stringMatching(/^book_table failed/) });
    expect(answers[1]!.message.content).toBe('{"status":"booked"}');
    expect(failedCalls(answers.map((a) => a.message))).toBe(1);
    const scenarioResult = createSimulatedTools({ toolResults: { book_table: 'ref 7' }, toolOutcomes: {} }, bot);
    expect(scenarioResult.answer(call('book_table'))[0]).toMatchObject({ ok: true, message: { content: '"ref 7"' } });
  });

  it('an unknown tool or arguments that are not an object fail, without using up an outcome', () => {
    const tools = createSimulatedTools({ toolResults: {}, toolOutcomes: { book_table: ['ok', 'fail'] } }, bot);
    expect(tools.answer(call('cancel_table'))[0]).toMatchObject({ ok: false, message: { content: '{"error":"unknown tool \\"cancel_table\\""}' } });
    expect(tools.answer(call('book_table', '[1]'))[0]!.ok).toBe(false);
    expect(tools.answer(call('book_table'))[0]!.ok).toBe(true);
    expect(tools.answer(call('book_table'))[0]!.ok).toBe(false);
  });
});
