import { describe, expect, it } from 'vitest';
import { missingActionDetector } from './missing-action.js';
import { AFFIRM, ASK_GO_AHEAD, GO_AHEAD, NEGATE, confirm, conversation, inform } from '../testing/detector-fixtures.js';
import type { Expectations } from '../scenario/schema.js';

const EXPECT: Expectations = { action: { name: 'book_table' }, confirmation: 'required', goAhead: 'separate', noReAsk: true, maxTurns: 10 };
const ARGS = { date: '2026-12-05', time: '19:00', party_size: 4 };
const GIVE = ['user', 'Table for 4 on Dec 5 at 7pm', [inform('party_size', 4), inform('date', 'December 5'), inform('time', '7pm')]] as const;
const CONFIRM = ['assistant', 'So 4 on Dec 5 at 7pm?', [confirm('party_size', 4), confirm('date', 'December 5'), confirm('time', '7pm')]] as const;
const ASK = ['assistant', 'Shall I book it?', [ASK_GO_AHEAD]] as const;
const CLAIM = { act: 'CLAIMS_DONE' } as const;

describe('missing-action', () => {
  it('flags a claim of success without any call, at that message', () => {
    const input = conversation([[...GIVE], [...CONFIRM], ['user', 'Yes', [AFFIRM]], [...ASK], ['user', 'Go ahead', [AFFIRM, GO_AHEAD]], ['assistant', 'All done, your table has been booked!', [CLAIM]]], { expect: EXPECT });
    const findings = missingActionDetector.detect(input);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ class: 'missing-action', messageIndex: 5 });
  });

  it('one finding per conversation: a bot that stalls and then claims success is flagged at the claim', () => {
    const input = conversation(
      [[...GIVE], [...ASK], ['user', 'Go ahead', [AFFIRM, GO_AHEAD]], ['assistant', 'One moment.', []], ['user', 'Well?', []], ['assistant', 'Your table has been booked.', [CLAIM]]],
      { expect: EXPECT },
    );
    expect(missingActionDetector.detect(input).map((f) => f.messageIndex)).toEqual([5]);
  });

  it('does not flag a claim after the call', () => {
    const input = conversation([[...GIVE], [...CONFIRM], ['user', 'Yes, go ahead', [AFFIRM, GO_AHEAD]], ['call', ARGS], ['tool', '{"status":"booked"}'], ['assistant', 'Booked!', [CLAIM]]], { expect: EXPECT });
    expect(missingActionDetector.detect(input)).toEqual([]);
  });

  it('in simulation, flags a bot that never acts after every value and the go-ahead, at its reply to the go-ahead', () => {
    const input = conversation(
      [[...GIVE], [...CONFIRM], ['user', 'Yes', [AFFIRM]], [...ASK], ['user', 'Go ahead', [AFFIRM, GO_AHEAD]], ['assistant', 'Noted, thank you.', []], ['user', 'Anything else?', []], ['assistant', 'No, that is all.', []]],
      { expect: EXPECT },
    );
    expect(missingActionDetector.detect(input)).toMatchObject([{ messageIndex: 5, evidence: { relatedMessageIndex: 4 } }]);
  });

  it('points at the reply to the first go-ahead, however often the user repeats it', () => {
    const input = conversation(
      [[...GIVE], [...CONFIRM], ['user', 'Yes', [AFFIRM]], [...ASK], ['user', 'Go ahead', [AFFIRM, GO_AHEAD]], ['assistant', 'Noted, thank you.', []],
        ['user', 'Please go ahead and book it.', [GO_AHEAD]], ['assistant', 'Noted, thank you.', []], ['user', 'Book it now, please.', [GO_AHEAD]], ['assistant', 'Noted, thank you.', []]],
      { expect: EXPECT },
    );
    expect(missingActionDetector.detect(input)).toMatchObject([{ messageIndex: 5, evidence: { relatedMessageIndex: 4, reason: expect.stringContaining('authorised it at message 4') } }]);
  });

  it('after a change of value, the first go-ahead since the change counts', () => {
    const input = conversation(
      [[...GIVE], [...ASK], ['user', 'Go ahead', [GO_AHEAD]], ['assistant', 'Noted.', []], ['user', 'Make it 8pm instead', [inform('time', '8pm')]], ['assistant', 'Shall I book it for 8pm?', [ASK_GO_AHEAD]],
        ['user', 'Yes, go ahead', [AFFIRM, GO_AHEAD]], ['assistant', 'Noted.', []], ['user', 'Go ahead!', [GO_AHEAD]], ['assistant', 'Noted.', []]],
      { expect: EXPECT },
    );
    expect(missingActionDetector.detect(input)).toMatchObject([{ messageIndex: 7, evidence: { relatedMessageIndex: 6 } }]);
  });

  it('does not flag when a value is missing, the user refused, or the scenario expects no action', () => {
    const partial = conversation([['user', 'Table for 4, book it', [inform('party_size', 4), GO_AHEAD]], ['assistant', 'Noted.', []]], { expect: EXPECT });
    expect(missingActionDetector.detect(partial)).toEqual([]);
    const refused = conversation([[...GIVE], [...ASK], ['user', 'Go ahead', [GO_AHEAD]], ['user', 'No wait, do not', [NEGATE]], ['assistant', 'Okay.', []]], { expect: EXPECT });
    expect(missingActionDetector.detect(refused)).toEqual([]);
    const none = conversation([[...GIVE], [...ASK], ['user', 'Go ahead', [GO_AHEAD]], ['assistant', 'Noted.', []]], { expect: { ...EXPECT, action: null } });
    expect(missingActionDetector.detect(none)).toEqual([]);
  });

  it('under the with-confirmation policy, a yes to the confirmation is the authorisation', () => {
    const input = conversation([[...GIVE], [...CONFIRM], ['user', 'Yes', [AFFIRM]], ['assistant', 'Lovely.', []]], { expect: { ...EXPECT, goAhead: 'with-confirmation' } });
    expect(missingActionDetector.detect(input).map((f) => f.messageIndex)).toEqual([3]);
  });

  it('in recorded conversations, judges only claims: a tagged go-ahead is not enough', () => {
    const input = conversation([[...GIVE], [...ASK], ['user', 'Go ahead', [GO_AHEAD]], ['assistant', 'Noted.', []]], { userActsAreGroundTruth: false });
    expect(missingActionDetector.detect(input)).toEqual([]);
  });

  describe('rule 15: a claim names the action it says was done', () => {
    const FERRY_CLAIM = (action: string) => ({ act: 'CLAIMS_DONE', action }) as const;
    it('flags a claim of an action never called, though another was', () => {
      const input = conversation([[...GIVE], ['call', ARGS], ['tool', '{"status":"booked"}'], ['user', 'And send me a voucher', []], ['assistant', "I've sent you the voucher.", [FERRY_CLAIM('send_voucher')]]]);
      expect(missingActionDetector.detect(input)).toMatchObject([{ messageIndex: 4, evidence: { reason: expect.stringContaining('send_voucher') } }]);
    });
    it('a claim in other words than the call just made describes that call', () => {
      const input = conversation([[...GIVE], ['call', ARGS], ['tool', '{"status":"booked"}'], ['assistant', 'You are now booked on the 7pm sitting.', [FERRY_CLAIM('change_table')]]]);
      expect(missingActionDetector.detect(input)).toEqual([]);
    });
    it('a claim before the call is a claim of what was not done', () => {
      const input = conversation([[...GIVE], ['assistant', 'Your table has been booked!', [CLAIM]], ['call', ARGS]]);
      expect(missingActionDetector.detect(input).map((f) => f.messageIndex)).toEqual([1]);
    });
  });
});
