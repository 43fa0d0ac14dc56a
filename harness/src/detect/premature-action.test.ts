import { describe, expect, it } from 'vitest';
import { prematureActionDetector } from './premature-action.js';
import { AFFIRM, ASK_GO_AHEAD, GO_AHEAD, NEGATE, conversation, confirm, inform } from '../testing/detector-fixtures.js';

const GIVE_ALL = ['user', 'Friday, 7pm, 4 people', [inform('date', 'Friday'), inform('time', '7pm'), inform('party_size', 4)]] as const;
const CONFIRM_ALL = ['assistant', 'Friday at 7pm for 4?', [confirm('date', 'Friday'), confirm('time', '7pm'), confirm('party_size', 4)]] as const;
const ARGS = { date: '2026-11-27', time: '19:00', party_size: 4 };

describe('premature-action', () => {
  it('flags a consequential call with no confirmation, at the call message', () => {
    const findings = prematureActionDetector.detect(conversation([[...GIVE_ALL], ['call', ARGS]]));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ class: 'premature-action', messageIndex: 1, evidence: { relatedMessageIndex: 0 } });
  });

  it('does not flag a call after an affirmed confirmation', () => {
    expect(prematureActionDetector.detect(conversation([[...GIVE_ALL], [...CONFIRM_ALL], ['user', 'Yes', [AFFIRM]], ['call', ARGS]]))).toEqual([]);
  });

  it('does not flag a call after the user authorised a request for permission', () => {
    const input = conversation([[...GIVE_ALL], [...CONFIRM_ALL], ['user', 'Yes', [AFFIRM]], ['assistant', 'Shall I book?', [ASK_GO_AHEAD]], ['user', 'Go ahead', [AFFIRM, GO_AHEAD]], ['call', ARGS]]);
    expect(prematureActionDetector.detect(input)).toEqual([]);
  });

  it('flags a call when the user changed a value after affirming', () => {
    const input = conversation([
      [...GIVE_ALL],
      [...CONFIRM_ALL],
      ['user', 'Yes', [AFFIRM]],
      ['user', 'Actually 8pm', [inform('time', '8pm')]],
      ['call', { ...ARGS, time: '20:00' }],
    ]);
    expect(prematureActionDetector.detect(input).map((f) => f.messageIndex)).toEqual([4]);
  });

  it('flags a call after the user rejected the confirmation', () => {
    const input = conversation([[...GIVE_ALL], [...CONFIRM_ALL], ['user', 'No', [NEGATE]], ['call', ARGS]]);
    expect(prematureActionDetector.detect(input).map((f) => f.messageIndex)).toEqual([3]);
  });

  it('repeating an unchanged value does not undo an approval', () => {
    const input = conversation([[...GIVE_ALL], [...CONFIRM_ALL], ['user', 'Yes, 4 people', [AFFIRM, inform('party_size', 'four')]], ['call', ARGS]]);
    expect(prematureActionDetector.detect(input)).toEqual([]);
  });

  it('a yes to search results or to a bare "shall I book it?" approves no details', () => {
    const offer = ['assistant', 'I found a table on Friday at 7pm.', [{ act: 'OFFER', slot: 'time', value: '7pm' }]] as const;
    const input = conversation([[...GIVE_ALL], [...offer], ['user', 'Great', [AFFIRM]], ['assistant', 'Shall I book it?', [ASK_GO_AHEAD]], ['user', 'Yes', [AFFIRM, GO_AHEAD]], ['call', ARGS]]);
    expect(prematureActionDetector.detect(input).map((f) => f.messageIndex)).toEqual([5]);
  });

  it('an affirmed proposal of the action (after a failed booking) approves it', () => {
    const input = conversation([
      [...GIVE_ALL],
      [...CONFIRM_ALL],
      ['user', 'Yes', [AFFIRM]],
      ['call', ARGS],
      ['tool', '{"error": "no availability"}'],
      ['assistant', 'Sorry, 7pm is full. How about 8pm?', [confirm('time', '8pm')]],
      ['user', 'Yes, fine', [AFFIRM]],
      ['call', { ...ARGS, time: '20:00' }],
    ]);
    expect(prematureActionDetector.detect(input)).toEqual([]);
  });

  it('ignores calls to actions that are not consequential', () => {
    const input = conversation([[...GIVE_ALL], ['call', ARGS]]);
    input.acts[1] = [{ act: 'CALL', action: 'find_tables', consequential: false }];
    expect(prematureActionDetector.detect(input)).toEqual([]);
  });

  it('is off when the scenario does not require confirmation', () => {
    const input = conversation([[...GIVE_ALL], ['call', ARGS]], { expect: { confirmation: 'not-required', goAhead: 'separate', noReAsk: true, maxTurns: 10 } });
    expect(prematureActionDetector.detect(input)).toEqual([]);
  });
});
