import { describe, expect, it } from 'vitest';
import { ignoredCorrectionDetector } from './ignored-correction.js';
import { AFFIRM, GO_AHEAD, NEGATE, confirm, conversation, inform } from '../testing/detector-fixtures.js';

const GIVE = ['user', 'Table for 2 at 7pm', [inform('party_size', 2), inform('time', '7pm')]] as const;

describe('ignored-correction', () => {
  it('flags a confirmation with the replaced value, at that message, with the slot and the correction', () => {
    const input = conversation([
      [...GIVE],
      ['user', 'Actually, make it 8 pm', [inform('time', '8 pm')]],
      ['assistant', 'So 2 people at 7pm?', [confirm('party_size', 2), confirm('time', '7pm')]],
    ]);
    const findings = ignoredCorrectionDetector.detect(input);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ class: 'ignored-correction', messageIndex: 2, slot: 'time', evidence: { relatedMessageIndex: 1 } });
  });

  it('flags a call with the replaced value after normalising ("7pm" = "19:00")', () => {
    const input = conversation([[...GIVE], ['user', 'No, 8 pm', [NEGATE, inform('time', '8 pm')]], ['user', 'Go ahead', [AFFIRM, GO_AHEAD]], ['call', { party_size: 2, time: '19:00' }]]);
    expect(ignoredCorrectionDetector.detect(input).map((f) => [f.messageIndex, f.slot])).toEqual([[3, 'time']]);
  });

  it('flags the call with the old value once, not the recap of what it booked after it', () => {
    const input = conversation([
      [...GIVE],
      ['user', 'No, 8 pm', [NEGATE, inform('time', '8 pm')]],
      ['call', { party_size: 2, time: '19:00' }],
      ['tool', '{"status": "booked"}'],
      ['assistant', 'Booked: 2 people at 7pm.', [confirm('party_size', 2), confirm('time', '7pm'), { act: 'CLAIMS_DONE' }]],
    ]);
    expect(ignoredCorrectionDetector.detect(input).map((f) => [f.messageIndex, f.slot])).toEqual([[2, 'time']]);
  });

  it('reports a correction ignored again and again once, at the first message, with the later ones as evidence', () => {
    const stale = ['assistant', 'So 2 people at 7pm?', [confirm('party_size', 2), confirm('time', '7pm')]] as const;
    const correct = ['user', 'No, the time should be 8 pm.', [NEGATE, inform('time', '8 pm')]] as const;
    const input = conversation([[...GIVE], [...correct], [...stale], [...correct], [...stale], [...correct], [...stale], ['call', { party_size: 2, time: '19:00' }]]);
    const findings = ignoredCorrectionDetector.detect(input);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ messageIndex: 2, slot: 'time', evidence: { relatedMessageIndex: 1, repeatedAt: [4, 6, 7] } });
    expect(findings[0]!.evidence.reason).toBe('uses the time "7pm", which the user changed to "8 pm" at message 1; again at messages 4, 6, 7, and calls the action with it at message 7');
  });

  it('reports two different corrections ignored apart', () => {
    const input = conversation([
      [...GIVE],
      ['user', 'Actually, 8 pm', [inform('time', '8 pm')]],
      ['assistant', 'So 2 people at 7pm?', [confirm('party_size', 2), confirm('time', '7pm')]],
      ['user', 'No, make it 9 pm', [NEGATE, inform('time', '9 pm')]],
      ['assistant', 'So 2 people at 8pm?', [confirm('party_size', 2), confirm('time', '8pm')]],
    ]);
    expect(ignoredCorrectionDetector.detect(input).map((f) => [f.messageIndex, f.evidence.relatedMessageIndex])).toEqual([[2, 1], [4, 3]]);
  });

  it('does not flag the new value, or a value the user never changed', () => {
    const input = conversation([
      [...GIVE],
      ['user', 'Actually, 8 pm', [inform('time', '8 pm')]],
      ['assistant', 'So 2 people at 8pm?', [confirm('party_size', 'two'), confirm('time', '20:00')]],
      ['call', { party_size: 2, time: '20:00' }],
    ]);
    expect(ignoredCorrectionDetector.detect(input)).toEqual([]);
  });

  it('does not flag a message that names the old value beside the new one ("from 7pm to 8pm")', () => {
    const input = conversation([
      [...GIVE],
      ['user', 'Actually, 8 pm', [inform('time', '8 pm')]],
      ['assistant', 'Changing 7pm to 8pm: is that right?', [confirm('time', '7pm'), confirm('time', '8pm')]],
    ]);
    expect(ignoredCorrectionDetector.detect(input)).toEqual([]);
  });

  it('does not flag the old value once the user went back to it', () => {
    const input = conversation([
      [...GIVE],
      ['user', 'Actually, 8 pm', [inform('time', '8 pm')]],
      ['user', 'No, 7pm after all', [NEGATE, inform('time', '7pm')]],
      ['call', { party_size: 2, time: '19:00' }],
    ]);
    expect(ignoredCorrectionDetector.detect(input)).toEqual([]);
  });

  it('a change after the bot acted on the old value is a new request, not a correction', () => {
    const input = conversation([
      [...GIVE], ['call', { party_size: 2, time: '19:00' }], ['tool', '{"status":"booked"}'],
      ['user', 'Book another at 8 pm', [inform('time', '8 pm')]], ['user', 'Oh, and one more at 7pm', []], ['call', { party_size: 2, time: '19:00' }],
    ]);
    expect(ignoredCorrectionDetector.detect(input)).toEqual([]);
  });

  it('does not flag a value the bot got wrong by itself (that is wrong-value)', () => {
    const input = conversation([[...GIVE], ['call', { party_size: 2, time: '18:00' }]]);
    expect(ignoredCorrectionDetector.detect(input)).toEqual([]);
  });

  describe('recorded conversations (tagged user acts)', () => {
    it('counts a change the user marks as a correction ("no, …")', () => {
      const input = conversation([[...GIVE], ['user', 'No, 8 pm', [NEGATE, inform('time', '8 pm')]], ['call', { party_size: 2, time: '19:00' }]], { userActsAreGroundTruth: false });
      expect(ignoredCorrectionDetector.detect(input).map((f) => f.messageIndex)).toEqual([2]);
    });

    it('ignores an unmarked change: it may be a new request or a mis-read value', () => {
      const input = conversation([[...GIVE], ['user', 'And what about 8 pm?', [inform('time', '8 pm')]], ['call', { party_size: 2, time: '19:00' }]], { userActsAreGroundTruth: false });
      expect(ignoredCorrectionDetector.detect(input)).toEqual([]);
    });

    it('ignores a change next to a NEGATE about another slot', () => {
      const input = conversation([[...GIVE], ['user', 'No, the size is wrong; 8 pm', [{ act: 'NEGATE', slot: 'party_size' }, inform('time', '8 pm')]], ['call', { party_size: 2, time: '19:00' }]], { userActsAreGroundTruth: false });
      expect(ignoredCorrectionDetector.detect(input)).toEqual([]);
    });
  });
});
