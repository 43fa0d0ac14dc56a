import { describe, expect, it } from 'vitest';
import { createGiveWay } from './give-way.js';

describe('giving way to the event loop', () => {
  it('is free within a slice, and past it lets pending callbacks run before the work goes on', async () => {
    let now = 0;
    const giveWay = createGiveWay(2, () => now);
    expect(giveWay()).toBeUndefined();
    now = 1.9;
    expect(giveWay()).toBeUndefined();
    now = 2.5;
    const order: string[] = [];
    setImmediate(() => order.push('pending callback'));
    await giveWay();
    order.push('work');
    expect(order).toEqual(['pending callback', 'work']);
    // A new slice starts once the work resumes.
    now = 4;
    expect(giveWay()).toBeUndefined();
    now = 4.6;
    expect(giveWay()).toBeInstanceOf(Promise);
  });
});
