import { describe, expect, it } from 'vitest';
import { slotValueProblem } from './slot-value.js';
import type { Slot, SlotValue } from './task.js';

const slot = (type: Slot['type'], values?: string[]): Slot => ({ name: 's', description: '', ...(type ? { type } : {}), ...(values ? { values } : {}) });

describe('slotValueProblem: a goal value fits its slot', () => {
  const cases: Array<[Slot['type'] | 'values', SlotValue, boolean]> = [
    ['integer', 4, true], ['integer', '4', true], ['integer', 'four', false], ['integer', -3, false], ['integer', 2.5, false],
    ['number', 12.5, true], ['number', 'cheap', false], ['number', -1, false],
    ['date', '2026-12-05', true], ['date', '2026-13-45', false], ['date', '2026-02-29', false], ['date', '2028-02-29', true], ['date', 'tomorrow', false],
    ['time', '19:30', true], ['time', '7:30', true], ['time', '7:30 pm', true], ['time', '7pm', true], ['time', '25:99', false], ['time', '24:00', false], ['time', 1930, false],
    ['boolean', true, true], ['boolean', 'yes', true], ['boolean', 'maybe', false],
    ['string', 'anything at all', true], ['string', 42, true],
    ['values', 'Indoor', true], ['values', 'rooftop', false],
  ];
  for (const [type, value, fits] of cases) {
    it(`${type} ${JSON.stringify(value)} ${fits ? 'fits' : 'does not fit'}`, () => {
      const s = type === 'values' ? slot(undefined, ['indoor', 'terrace']) : slot(type);
      expect(slotValueProblem(s, value) === undefined).toBe(fits);
    });
  }
  it('a slot with no declared type takes any value', () => {
    expect(slotValueProblem(slot(undefined), 'four')).toBeUndefined();
  });
});
