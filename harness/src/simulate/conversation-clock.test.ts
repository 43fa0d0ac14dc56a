import { describe, expect, it } from 'vitest';
import type { ChatModel, ChatRequest } from '../model/chat-model.js';
import { withConcurrencyLimit } from '../model/limited-model.js';
import { callSchedule, conversationClock, conversationModel } from './conversation-clock.js';

const request: ChatRequest = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a conversation time-out', () => {
  it('expires after its time, with a TimeoutError', async () => {
    const clock = conversationClock(30, undefined);
    await sleep(60);
    expect(clock.signal.aborted).toBe(true);
    expect((clock.signal.reason as DOMException).name).toBe('TimeoutError');
  });

  it('does not count time held (waiting for a slot), and keeps what was used before', async () => {
    // Wide margins: timers of a loaded CI machine fire late by tens of milliseconds.
    const clock = conversationClock(600, undefined);
    await sleep(100);
    clock.hold(true);
    await sleep(700);
    expect(clock.signal.aborted).toBe(false);
    clock.hold(false);
    await sleep(50);
    expect(clock.signal.aborted).toBe(false);
    await sleep(600);
    expect(clock.signal.aborted).toBe(true);
    clock.dispose();
  });

  it('aborts with the run, and a disposed clock never fires', async () => {
    const run = new AbortController();
    const clock = conversationClock(1000, run.signal);
    run.abort(new Error('interrupted'));
    expect((clock.signal.reason as Error).message).toBe('interrupted');
    const quiet = conversationClock(20, undefined);
    quiet.dispose();
    await sleep(50);
    expect(quiet.signal.aborted).toBe(false);
  });
});

describe('the model as one conversation uses it', () => {
  it('gives the waiting call of the least advanced conversation the next slot, and holds its clock while it waits', async () => {
    const order: string[] = [];
    const held: boolean[] = [];
    let release: () => void = () => undefined;
    const endpoint: ChatModel = {
      endpoint: 'fake',
      complete: async (r) => {
        order.push(r.model);
        if (r.model === 'first') await new Promise<void>((resolve) => (release = resolve));
        return { message: { role: 'assistant', content: 'ok' }, finishReason: 'stop' };
      },
    };
    const limited = withConcurrencyLimit(endpoint, 1);
    const advanced = conversationModel(limited, callSchedule({ hold: () => undefined }));
    const fresh = conversationModel(limited, callSchedule({ hold: (h) => held.push(h) }));
    await advanced.complete({ ...request, model: 'warm-up' });
    const first = advanced.complete({ ...request, model: 'first' });
    await sleep(5);
    // Both wait behind "first": "advanced" has made two calls, "fresh" none, so "fresh" goes next.
    const later = advanced.complete({ ...request, model: 'advanced' });
    const sooner = fresh.complete({ ...request, model: 'fresh' });
    release();
    await Promise.all([first, later, sooner]);
    expect(order).toEqual(['warm-up', 'first', 'fresh', 'advanced']);
    expect(held).toEqual([true, false]);
    // A handicap counts as calls already made: a staggered conversation waits behind an unstaggered one.
    order.length = 0;
    const blocker = advanced.complete({ ...request, model: 'first' });
    await sleep(5);
    const staggered = conversationModel(limited, callSchedule({ hold: () => undefined }, 3)).complete({ ...request, model: 'staggered' });
    const plain = conversationModel(limited, callSchedule({ hold: () => undefined })).complete({ ...request, model: 'plain' });
    release();
    await Promise.all([blocker, staggered, plain]);
    expect(order).toEqual(['first', 'plain', 'staggered']);
  });
});
