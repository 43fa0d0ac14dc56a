import { describe, expect, it } from 'vitest';
import { turnBudgetDetector } from './turn-budget.js';
import { reAskDetector } from './re-ask.js';
import { ASK_GO_AHEAD, GO_AHEAD, NEGATE, confirm, conversation, inform, request } from '../testing/detector-fixtures.js';

const ASK_DATE = ['assistant', 'What date?', [request('date')]] as const;
const GIVE_DATE = ['user', 'December 5', [inform('date', 'December 5')]] as const;

describe('turn-budget', () => {
  it('flags a conversation cut off by its budget, at the last bot message', () => {
    const input = conversation([['user', 'Hi', []], ['assistant', 'What time?', [request('time')]], ['user', '7pm', [inform('time', '7pm')]], ['assistant', 'And how many?', [request('party_size')]]], { endedByBudget: true });
    expect(turnBudgetDetector.detect(input)).toMatchObject([{ class: 'turn-budget', messageIndex: 3 }]);
  });

  it('flags the third ask of the same slot in a row, pointing at the first; re-ask also flags the repeats', () => {
    const input = conversation([[...GIVE_DATE], [...ASK_DATE], [...GIVE_DATE], [...ASK_DATE], [...GIVE_DATE], [...ASK_DATE]]);
    expect(turnBudgetDetector.detect(input)).toMatchObject([{ messageIndex: 5, slot: 'date', evidence: { relatedMessageIndex: 1 } }]);
    expect(reAskDetector.detect(input).map((f) => f.messageIndex)).toEqual([1, 3, 5]);
  });

  it('one finding per conversation, at the loop when the budget also ran out', () => {
    const input = conversation([[...GIVE_DATE], [...ASK_DATE], [...GIVE_DATE], [...ASK_DATE], [...GIVE_DATE], [...ASK_DATE], [...GIVE_DATE], [...ASK_DATE]], { endedByBudget: true });
    expect(turnBudgetDetector.detect(input).map((f) => f.messageIndex)).toEqual([5]);
  });

  it('counts the same confirmation, or the same request for permission, three times in a row', () => {
    const same = ['assistant', 'So 7pm?', [confirm('time', '7pm')]] as const;
    const no = ['user', 'No.', [NEGATE]] as const;
    expect(turnBudgetDetector.detect(conversation([[...same], [...no], [...same], [...no], [...same]])).map((f) => f.messageIndex)).toEqual([4]);
    const ask = ['assistant', 'Shall I book?', [ASK_GO_AHEAD]] as const;
    expect(turnBudgetDetector.detect(conversation([[...ask], ['user', 'Hmm', []], [...ask], ['user', 'Hmm', []], [...ask]])).map((f) => f.messageIndex)).toEqual([4]);
  });

  it('does not count a question the user answers with a new value each time (progress), or one interrupted', () => {
    const changing = conversation([
      ['assistant', 'So 7pm?', [confirm('time', '7pm')]], ['user', 'No, 8pm', [NEGATE, inform('time', '8pm')]],
      ['assistant', 'So 8pm?', [confirm('time', '8pm')]], ['user', 'No, 9pm', [NEGATE, inform('time', '9pm')]],
      ['assistant', 'So 9pm?', [confirm('time', '9pm')]],
    ]);
    expect(turnBudgetDetector.detect(changing)).toEqual([]);
    const offers = conversation([
      ['assistant', 'Is 7pm alright?', [request('time')]], ['user', 'Anything else, for 2?', [inform('party_size', 2)]],
      ['assistant', 'Is 8pm alright?', [request('time')]], ['user', 'Another, for 3?', [inform('party_size', 3)]],
      ['assistant', 'Is 9pm alright?', [request('time')]],
    ]);
    expect(turnBudgetDetector.detect(offers)).toEqual([]);
    const interrupted = conversation([[...ASK_DATE], [...GIVE_DATE], [...ASK_DATE], [...GIVE_DATE], ['assistant', 'What time?', [request('time')]], ['user', '7pm', []], [...ASK_DATE]]);
    expect(turnBudgetDetector.detect(interrupted)).toEqual([]);
  });

  it('in recorded conversations (no budget, tagged acts) stays silent: a mis-tagged question could make a loop', () => {
    const input = conversation([[...GIVE_DATE], [...ASK_DATE], [...GIVE_DATE], [...ASK_DATE], [...GIVE_DATE], [...ASK_DATE]], { userActsAreGroundTruth: false });
    expect(turnBudgetDetector.detect(input)).toEqual([]);
  });

  it('asking for permission again after the action failed is the way forward, not a loop', () => {
    const ask = ['assistant', 'Shall I book?', [ASK_GO_AHEAD]] as const;
    const yes = ['user', 'Go ahead.', [GO_AHEAD]] as const;
    const lines = [[...ask], [...yes], ['call', { date: '2026-12-05' }], ['tool', '{"status":"failed","error":"unavailable"}'], [...ask], [...yes], ['call', { date: '2026-12-05' }], ['tool', '{"status":"failed","error":"unavailable"}'], [...ask]] as const;
    expect(turnBudgetDetector.detect(conversation(lines.map((l) => [...l]) as never))).toEqual([]);
    expect(turnBudgetDetector.detect(conversation([[...ask], [...yes], [...ask], [...yes], [...ask]]))).toHaveLength(1);
  });
});
