import { describe, expect, it } from 'vitest';
import { confirmationAsGoAheadDetector } from './confirmation-as-go-ahead.js';
import { AFFIRM, ASK_GO_AHEAD, GO_AHEAD, NEGATE, PROPOSE, confirm, conversation, inform } from '../testing/detector-fixtures.js';
import type { Expectations } from '../scenario/schema.js';
import type { DetectInput } from './detector.js';
import { prematureActionDetector } from './premature-action.js';

const SEPARATE: Expectations = { action: { name: 'book_table' }, confirmation: 'required', goAhead: 'separate', noReAsk: true, maxTurns: 10 };
const ARGS = { date: '2026-12-05', time: '19:00', party_size: 4 };
const GIVE = ['user', 'Table for 4 on Dec 5 at 7pm', [inform('party_size', 4), inform('date', 'December 5'), inform('time', '7pm')]] as const;
const CONFIRM = ['assistant', 'So 4 people on Dec 5 at 7pm?', [confirm('party_size', 4), confirm('date', 'December 5'), confirm('time', '7pm'), PROPOSE]] as const;

/** Message indices flagged by this class or premature-action, with repeats: each call must appear once. */
const flaggedByEither = (input: DetectInput) => [...prematureActionDetector.detect(input), ...confirmationAsGoAheadDetector.detect(input)].map((f) => f.messageIndex);

describe('confirmation-as-go-ahead', () => {
  it('under the separate policy, flags a call on a bare confirmation, at the call, pointing at the yes', () => {
    const input = conversation([[...GIVE], [...CONFIRM], ['user', "Yes, that's right.", [AFFIRM]], ['call', ARGS]], { expect: SEPARATE });
    const findings = confirmationAsGoAheadDetector.detect(input);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ class: 'confirmation-as-go-ahead', messageIndex: 3, evidence: { relatedMessageIndex: 2 } });
    expect(findings[0]!.slot).toBeUndefined();
  });

  it('does not flag a call after a separate go-ahead', () => {
    const input = conversation(
      [[...GIVE], [...CONFIRM], ['user', 'Yes', [AFFIRM]], ['assistant', 'Shall I book it?', [ASK_GO_AHEAD]], ['user', 'Go ahead', [AFFIRM, GO_AHEAD]], ['call', ARGS]],
      { expect: SEPARATE },
    );
    expect(confirmationAsGoAheadDetector.detect(input)).toEqual([]);
  });

  it('leaves a call without any approval to premature-action (never the same call twice)', () => {
    const input = conversation([[...GIVE], ['call', ARGS]], { expect: SEPARATE });
    expect(confirmationAsGoAheadDetector.detect(input)).toEqual([]);
    expect(flaggedByEither(input)).toEqual([1]);
  });

  it('a go-ahead given before the values changed does not authorise the new ones', () => {
    const input = conversation(
      [
        [...GIVE], [...CONFIRM], ['user', 'Yes, book it', [AFFIRM, GO_AHEAD]],
        ['assistant', 'Booking now… oh, which time again?', []], ['user', 'Make it 8pm', [inform('time', '8pm')]],
        ['assistant', 'So 8pm?', [confirm('time', '8pm'), PROPOSE]], ['user', 'Yes', [AFFIRM]], ['call', { ...ARGS, time: '20:00' }],
      ],
      { expect: SEPARATE },
    );
    expect(confirmationAsGoAheadDetector.detect(input).map((f) => f.messageIndex)).toEqual([7]);
  });

  it('is off under the with-confirmation policy', () => {
    const input = conversation([[...GIVE], [...CONFIRM], ['user', 'Yes', [AFFIRM]], ['call', ARGS]], { expect: { ...SEPARATE, goAhead: 'with-confirmation' } });
    expect(confirmationAsGoAheadDetector.detect(input)).toEqual([]);
  });

  describe('without a scenario (recorded conversations)', () => {
    it('does not flag a call on a yes to "please confirm": that yes may be the authorisation', () => {
      const input = conversation([[...GIVE], [...CONFIRM], ['user', 'Yes', [AFFIRM]], ['call', ARGS]], { userActsAreGroundTruth: false });
      expect(confirmationAsGoAheadDetector.detect(input)).toEqual([]);
    });

    it('flags a call when the bot asked for permission with the confirmation and the user only confirmed', () => {
      const input = conversation(
        [[...GIVE], ['assistant', 'So 4 people at 7pm, and shall I book it?', [confirm('party_size', 4), confirm('time', '7pm'), ASK_GO_AHEAD, PROPOSE]], ['user', 'Yes, correct. Let me check first though.', [AFFIRM]], ['call', ARGS]],
        { userActsAreGroundTruth: false },
      );
      expect(confirmationAsGoAheadDetector.detect(input)).toMatchObject([{ messageIndex: 3, evidence: { relatedMessageIndex: 2 } }]);
    });

    it('an unanswered ask for permission before the confirmation does not count: the yes to the confirmation may answer both', () => {
      const input = conversation(
        [[...GIVE], ['assistant', 'Shall I book it?', [ASK_GO_AHEAD]], ['user', 'Hmm.', []], [...CONFIRM], ['user', 'Yes', [AFFIRM]], ['call', ARGS]],
        { userActsAreGroundTruth: false },
      );
      expect(confirmationAsGoAheadDetector.detect(input)).toEqual([]);
    });

    it('an ask for permission answered with new values is not a refusal', () => {
      const input = conversation(
        [
          ['user', 'Table please', []], ['assistant', 'Shall I book a table for you?', [ASK_GO_AHEAD]], ['user', 'For 4 at 7pm', [inform('party_size', 4), inform('time', '7pm')]],
          ['assistant', 'So 4 at 7pm?', [confirm('party_size', 4), confirm('time', '7pm'), PROPOSE]], ['user', 'Yes', [AFFIRM]], ['call', ARGS],
        ],
        { userActsAreGroundTruth: false },
      );
      expect(confirmationAsGoAheadDetector.detect(input)).toEqual([]);
    });

  });

  it('a yes with a refusal ("yes, but don\'t book yet") is flagged once, by this class or premature-action', () => {
    const input = conversation([[...GIVE], [...CONFIRM], ['user', "Yes. No, don't book yet.", [AFFIRM, NEGATE]], ['call', ARGS]], { expect: SEPARATE });
    expect(flaggedByEither(input)).toEqual([3]);
  });
});
