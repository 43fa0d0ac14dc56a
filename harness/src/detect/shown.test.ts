import { describe, expect, it } from 'vitest';
import { Shown } from './shown.js';

// Rule 6: a call that moves money needs its sum stated, or that nothing is charged.
describe('what a proposal says of money', () => {
  it('"nothing is charged" in words of any task: no fee, free of charge, things that are free', () => {
    for (const text of ['There is no extra fee.', 'The change is free of charge.', 'Your extras are free.', 'Both are complimentary.', 'Meals will be free on this sailing.']) {
      expect(new Shown([text]).noCharge, text).toBe(true);
    }
  });
  it('free time or a free table is not a price', () => {
    for (const text of ['Tuesday is free for a visit.', 'A table is free at 8 pm.', 'Feel free to ask.']) {
      expect(new Shown([text]).noCharge, text).toBe(false);
    }
  });
});
