import { describe, expect, it } from 'vitest';
import type { ToolCall } from '../transcript/schema.js';
import { TaskSchema } from './task.js';
import { ToolMocksSchema } from './tool-mock-schema.js';
import { toolResponder } from './tool-mocks.js';

const task = TaskSchema.parse({
  name: 'BookTable',
  slots: [{ name: 'date' }, { name: 'time' }, { name: 'name' }],
  actions: [
    { name: 'book_table', required: ['date', 'time', 'name'], consequential: true },
    { name: 'find_booking', required: ['name'] },
  ],
});

let n = 0;
const call = (name: string, args: Record<string, unknown> | string): ToolCall => ({ id: `c${++n}`, type: 'function', function: { name, arguments: typeof args === 'string' ? args : JSON.stringify(args) } });
const mocks = (value: unknown) => ToolMocksSchema.parse(value);

describe('tool mocks', () => {
  it('match arguments exactly (2 and "2" alike) or by a case-insensitive pattern; the first mock that fits answers', () => {
    const run = toolResponder(task, [{ results: {}, mocks: mocks({ book_table: [{ match: { time: '19:30' }, error: 'fully booked at 19:30' }, { match: { name: { pattern: '^a' } }, returns: { status: 'booked', reference: 'A-1' } }] }) }]);
    expect(run(call('book_table', { date: '2026-12-05', time: '19:30', name: 'Ada' }))).toEqual({ status: 'error', error: 'fully booked at 19:30' });
    expect(run(call('book_table', { date: '2026-12-05', time: '20:00', name: 'ada' }))).toEqual({ status: 'booked', reference: 'A-1' });
    expect(run(call('book_table', { date: '2026-12-05', time: '20:00', name: 'Lin' }))).toEqual({ status: 'ok' });
  });

  it('a sequence answers in order and repeats its last step: fail, then succeed', () => {
    const run = toolResponder(task, [{ results: {}, mocks: mocks({ book_table: [{ sequence: [{ error: 'timeout' }, { returns: { status: 'booked' } }] }] }) }]);
    const args = { date: '2026-12-05', time: '19:30', name: 'Ada' };
    expect([run(call('book_table', args)), run(call('book_table', args)), run(call('book_table', args))]).toEqual([
      { status: 'error', error: 'timeout' }, { status: 'booked' }, { status: 'booked' },
    ]);
  });

  it('state: what was booked is what a lookup returns, filtered by its arguments; a failed booking saves nothing', () => {
    const run = toolResponder(task, [{ results: {}, mocks: mocks({
      book_table: [{ match: { time: '12:00' }, error: 'closed at noon', save: 'bookings' }, { returns: { status: 'booked', reference: 'R-9' }, save: 'bookings' }],
      find_booking: [{ load: 'bookings' }],
    }) }]);
    expect(run(call('find_booking', { name: 'Ada' }))).toEqual({ status: 'ok', bookings: [] });
    run(call('book_table', { date: '2026-12-05', time: '12:00', name: 'Ada' }));
    run(call('book_table', { date: '2026-12-05', time: '19:30', name: 'Ada' }));
    run(call('book_table', { date: '2026-12-06', time: '20:00', name: 'Lin' }));
    expect(run(call('find_booking', { name: 'ADA' }))).toEqual({ status: 'ok', bookings: [{ date: '2026-12-05', time: '19:30', name: 'Ada', status: 'booked', reference: 'R-9' }] });
  });

  it('layers: the scenario\'s mocks, then its results, then the bot\'s; unknown tools and broken arguments answer an error', () => {
    const run = toolResponder(task, [
      { mocks: mocks({ book_table: [{ match: { name: 'Ada' }, returns: { from: 'scenario mock' } }] }), results: { find_booking: { from: 'scenario result' } } },
      { mocks: mocks({ find_booking: [{ returns: { from: 'bot mock' } }] }), results: { book_table: { from: 'bot result' } } },
    ]);
    expect(run(call('book_table', { name: 'Ada' }))).toEqual({ from: 'scenario mock' });
    expect(run(call('book_table', { name: 'Lin' }))).toEqual({ from: 'bot result' });
    expect(run(call('find_booking', { name: 'Lin' }))).toEqual({ from: 'scenario result' });
    expect(run(call('cancel', {}))).toEqual({ error: 'unknown tool "cancel"' });
    expect(run(call('book_table', '{"name": '))).toEqual({ error: 'arguments are not a valid JSON object' });
  });

  it('the schema refuses a mock that says two answers, none, or a pattern that is not one', () => {
    expect(ToolMocksSchema.safeParse({ book_table: [{ returns: 1, error: 'x' }] }).success).toBe(false);
    expect(ToolMocksSchema.safeParse({ book_table: [{ match: { time: '19:30' } }] }).success).toBe(false);
    expect(ToolMocksSchema.safeParse({ book_table: [{ match: { time: { pattern: '([' } }, returns: 1 }] }).success).toBe(false);
  });
});
