import { describe, expect, it } from 'vitest';
import { wrongValueDetector } from './wrong-value.js';
import { AFFIRM, GO_AHEAD, NEGATE, confirm, conversation, inform } from '../testing/detector-fixtures.js';
import type { Expectations } from '../scenario/schema.js';

const EXPECT: Expectations = { action: { name: 'book_table' }, confirmation: 'required', goAhead: 'separate', noReAsk: true, maxTurns: 10 };
const GIVE = ['user', 'Table for 4 on Dec 5 at 7pm', [inform('party_size', 4), inform('date', 'December 5'), inform('time', '7pm')]] as const;
const OK = ['user', 'Go ahead', [AFFIRM, GO_AHEAD]] as const;

describe('wrong-value', () => {
  it('flags an argument that differs from what the user gave, at the call, with the slot and where it was given', () => {
    const input = conversation([[...GIVE], [...OK], ['call', { date: '2026-12-05', time: '19:00', party_size: 5 }]]);
    const findings = wrongValueDetector.detect(input);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ class: 'wrong-value', messageIndex: 2, slot: 'party_size', evidence: { relatedMessageIndex: 0 } });
  });

  it('compares after normalising dates, times and numbers', () => {
    const input = conversation([[...GIVE], [...OK], ['call', { date: 'Dec 5th', time: '7:00 pm', party_size: 'four' }]]);
    expect(wrongValueDetector.detect(input)).toEqual([]);
  });

  it('leaves a slot the user never gave to invented-value, whatever the scenario expects (run and analyze agree)', () => {
    const input = conversation([[...GIVE], [...OK], ['call', { date: '2026-12-05', time: '19:00', party_size: 4, name: 'Guest' }]], {
      expect: EXPECT,
      expectedArgs: { date: '2026-12-05', time: '19:00', party_size: 4, name: 'Rossi' },
    });
    expect(wrongValueDetector.detect(input)).toEqual([]);
  });

  it('checks the scenario\'s expected arguments for a slot the user gave', () => {
    const input = conversation([[...GIVE], [...OK], ['call', { date: '2026-12-06', time: '19:00', party_size: 4 }]], {
      expect: EXPECT,
      expectedArgs: { date: '2026-12-06', time: '19:00', party_size: 4 },
    });
    // The user said December 5 and the scenario expects the 6th: the call matches one of them, so it is not wrong.
    expect(wrongValueDetector.detect(input)).toEqual([]);
    const wrong = conversation([[...GIVE], [...OK], ['call', { date: '2026-12-07', time: '19:00', party_size: 4 }]], { expect: EXPECT, expectedArgs: { date: '2026-12-05', time: '19:00', party_size: 4 } });
    expect(wrongValueDetector.detect(wrong)).toMatchObject([{ messageIndex: 2, slot: 'date', evidence: { relatedMessageIndex: 0 } }]);
  });

  it('does not blame the bot for a correction the user never got to make (the value the user gave is right)', () => {
    const input = conversation([[...GIVE], ['call', { date: '2026-12-05', time: '19:00', party_size: 4 }]], { expect: EXPECT, expectedArgs: { date: '2026-12-05', time: '20:00', party_size: 4 } });
    expect(wrongValueDetector.detect(input)).toEqual([]);
  });

  it('accepts a value the user agreed to when the bot confirmed it ("DC" → "Washington D.C.")', () => {
    const input = conversation([
      ['user', 'Table for 4 at 7pm, name is Al', [inform('party_size', 4), inform('time', '7pm'), inform('name', 'Al')]],
      ['assistant', 'So 4 at 7pm under Alan?', [confirm('party_size', 4), confirm('time', '7pm'), confirm('name', 'Alan')]],
      [...OK], ['call', { party_size: 4, time: '19:00', name: 'Alan' }],
    ]);
    expect(wrongValueDetector.detect(input)).toEqual([]);
  });

  it('does not count a value the user replaced (ignored-correction\'s)', () => {
    const input = conversation([[...GIVE], ['user', 'No, 8pm', [NEGATE, inform('time', '8pm')]], [...OK], ['call', { date: '2026-12-05', time: '19:00', party_size: 4 }]]);
    expect(wrongValueDetector.detect(input)).toEqual([]);
  });

  it('ignores calls to other actions than the expected one', () => {
    const input = conversation([[...GIVE], ['call', { party_size: 9 }]], { expect: EXPECT, expectedArgs: { party_size: 4 } });
    input.acts[1] = [{ act: 'CALL', action: 'find_tables', args: { party_size: 9 }, consequential: false }];
    expect(wrongValueDetector.detect(input)).toEqual([]);
  });

  it('stays silent on tagged (not ground-truth) user values without expected arguments', () => {
    const input = conversation([[...GIVE], [...OK], ['call', { date: '2026-12-05', time: '19:00', party_size: 5 }]], { userActsAreGroundTruth: false });
    expect(wrongValueDetector.detect(input)).toEqual([]);
  });
});
