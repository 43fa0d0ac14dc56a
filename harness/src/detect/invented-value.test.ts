import { describe, expect, it } from 'vitest';
import { inventedValueDetector } from './invented-value.js';
import { AFFIRM, GO_AHEAD, NEGATE, RESTAURANT, confirm, conversation, inform } from '../testing/detector-fixtures.js';
import type { Task } from '../bot/task.js';

/** The restaurant task with a name, and a seating preference that defaults to indoors. */
const TASK: Task = {
  ...RESTAURANT,
  slots: [
    ...RESTAURANT.slots,
    { name: 'name', description: 'Name the reservation is under', type: 'string' },
    { name: 'seating', description: 'Where to sit', values: ['indoor', 'terrace'], default: 'indoor' },
  ],
  actions: [{ ...RESTAURANT.actions[0]!, optional: ['name', 'seating'] }],
};
const GIVE = ['user', 'Table for 5 on Dec 8 at 1pm', [inform('party_size', 5), inform('date', 'December 8'), inform('time', '1pm')]] as const;
const OK = ['user', 'Go ahead', [AFFIRM, GO_AHEAD]] as const;
const ARGS = { date: '2026-12-08', time: '13:00', party_size: 5 };

describe('invented-value', () => {
  it('flags an argument nobody gave, at the call, with the slot', () => {
    const input = conversation([[...GIVE], [...OK], ['call', { ...ARGS, name: 'Guest' }]], { task: TASK });
    const findings = inventedValueDetector.detect(input);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ class: 'invented-value', messageIndex: 2, slot: 'name' });
  });

  it('does not flag the slot\'s default, or a value the scenario expects', () => {
    const input = conversation([[...GIVE], [...OK], ['call', { ...ARGS, seating: 'Indoor', name: 'Ada' }]], { task: TASK, expectedArgs: { ...ARGS, name: 'Ada' } });
    expect(inventedValueDetector.detect(input)).toEqual([]);
  });

  it('flags a value for a slot nobody gave even when the scenario expects another one (not wrong-value)', () => {
    const input = conversation([[...GIVE], [...OK], ['call', { ...ARGS, name: 'Guest' }]], { task: TASK, expectedArgs: { ...ARGS, name: 'Rossi' } });
    expect(inventedValueDetector.detect(input)).toMatchObject([{ class: 'invented-value', messageIndex: 2, slot: 'name' }]);
  });

  it('flags a non-default value the user never chose', () => {
    const input = conversation([[...GIVE], [...OK], ['call', { ...ARGS, seating: 'terrace' }]], { task: TASK });
    expect(inventedValueDetector.detect(input).map((f) => f.slot)).toEqual(['seating']);
  });

  it('does not flag a value the user gave, even when a tagger put it under another slot', () => {
    const input = conversation([['user', 'Book it under Ada', [inform('time', 'Ada')]], [...OK], ['call', { name: 'Ada' }]], { task: TASK });
    expect(inventedValueDetector.detect(input)).toEqual([]);
  });

  it('does not flag a value the bot confirmed and the user accepted, or one a tool returned', () => {
    const accepted = conversation([[...GIVE], ['assistant', 'Under the name Guest?', [confirm('name', 'Guest')]], ['user', 'Yes', [AFFIRM]], ['call', { ...ARGS, name: 'Guest' }]], { task: TASK });
    expect(inventedValueDetector.detect(accepted)).toEqual([]);
    const found = conversation([[...GIVE], ['call', ARGS], ['tool', '{"results": [{"seating": "terrace"}]}'], [...OK], ['call', { ...ARGS, seating: 'terrace' }]], { task: TASK });
    expect(inventedValueDetector.detect(found)).toEqual([]);
  });

  it('flags a value the bot put to the user and the user rejected', () => {
    const input = conversation([[...GIVE], ['assistant', 'Under the name Guest?', [confirm('name', 'Guest')]], ['user', 'No', [NEGATE]], ['call', { ...ARGS, name: 'Guest' }]], { task: TASK });
    expect(inventedValueDetector.detect(input).map((f) => [f.messageIndex, f.slot])).toEqual([[3, 'name']]);
  });

  it('does not flag a slot the user gave with another value (wrong-value\'s)', () => {
    const input = conversation([[...GIVE], [...OK], ['call', { ...ARGS, party_size: 6 }]], { task: TASK });
    expect(inventedValueDetector.detect(input)).toEqual([]);
  });

  describe('recorded conversations (tagged user acts)', () => {
    const recorded = { task: TASK, userActsAreGroundTruth: false };

    it('flags a free-text value that shares no word with anything said before the call', () => {
      const input = conversation([['user', 'A table for 5 on Dec 8 at 1pm', [inform('party_size', 5)]], [...OK], ['call', { ...ARGS, name: 'Guest' }]], recorded);
      expect(inventedValueDetector.detect(input).map((f) => f.slot)).toEqual(['name']);
    });

    it('does not flag a value written before (the tagger missed it) or completed from one ("Big 4" → "The Big 4")', () => {
      const input = conversation([['user', 'Table at Big 4 for 5, name is Ada', [inform('party_size', 5)]], [...OK], ['call', { ...ARGS, name: 'The Ada' }]], recorded);
      expect(inventedValueDetector.detect(input)).toEqual([]);
    });

    it('does not judge categorical, dated or numeric values, nor calls that change nothing', () => {
      const input = conversation([['user', 'A table please', []], [...OK], ['call', { ...ARGS, seating: 'terrace' }]], recorded);
      expect(inventedValueDetector.detect(input)).toEqual([]);
      const lookup = conversation([['user', 'A table please', []], ['call', { name: 'Guest' }]], recorded);
      lookup.acts[1] = [{ act: 'CALL', action: 'find_tables', args: { name: 'Guest' }, consequential: false }];
      expect(inventedValueDetector.detect(lookup)).toEqual([]);
    });
  });
});
