import { describe, expect, it } from 'vitest';
import type { ScenarioOutcome } from '../refine/outcomes.js';
import { judgeTransfer } from './transfer-judge.js';

/** A scenario's outcome: `trials` conversations, `withClass` of them showing each class. */
const outcome = (id: string, trials: number, withClass: Record<string, number> = {}, errors = 0): ScenarioOutcome => {
  const failed = Math.min(trials - errors, Math.max(0, ...Object.values(withClass)));
  return { id, bot: 'clinic', trials, passes: trials - failed - errors, failed, errors, failuresByClass: withClass, conversationsWith: withClass };
};
const classes = ['re-ask'] as const;
const eligible = ['a', 'b'];

describe('judgeTransfer', () => {
  it('transferred: the class dropped on the scenarios that can show it, nothing regressed', () => {
    const judged = judgeTransfer({ classes, eligible, before: [outcome('a', 2, { 're-ask': 2 }), outcome('b', 2, { 're-ask': 1 }), outcome('c', 2)], after: [outcome('a', 2), outcome('b', 2), outcome('c', 2)] });
    expect(judged).toMatchObject({ status: 'transferred', regressions: [], rates: { before: { trials: 4, withoutClass: 1 }, after: { trials: 4, withoutClass: 4 } }, suite: { before: { trials: 6, passed: 3 }, after: { trials: 6, passed: 6 } } });
    expect(judged.reason).toBe('`re-ask` dropped from 3 of 4 conversations to 0 of 4, with no regression.');
  });

  it('no effect: the class occurred and did not drop', () => {
    const same = [outcome('a', 2, { 're-ask': 1 }), outcome('b', 2)];
    expect(judgeTransfer({ classes, eligible, before: same, after: same })).toMatchObject({ status: 'no-effect', reason: '`re-ask` did not drop: in 1 of 4 conversations before, 1 of 4 after.' });
  });

  it('not applicable: the bot never showed the class, or no scenario can show it', () => {
    const clean = [outcome('a', 2), outcome('b', 2)];
    expect(judgeTransfer({ classes, eligible, before: clean, after: clean }).status).toBe('not-applicable');
    expect(judgeTransfer({ classes, eligible: [], before: clean, after: clean }).reason).toBe("No scenario of the bot's suite can show `re-ask`.");
  });

  it('harmful: a scenario that passed now fails, or shows a class it did not have, or the class rose', () => {
    const broke = judgeTransfer({ classes, eligible, before: [outcome('a', 2, { 're-ask': 2 }), outcome('b', 2)], after: [outcome('a', 2), outcome('b', 2, { 'premature-action': 2 })] });
    expect(broke).toMatchObject({ status: 'harmful', regressions: [{ scenarioId: 'b', reason: 'passed before, now fails with premature-action' }] });
    const newClass = judgeTransfer({ classes, eligible, before: [outcome('a', 2, { 're-ask': 2 })], after: [outcome('a', 2, { 'wrong-value': 1 })] });
    expect(newClass.status).toBe('harmful');
    const rose = judgeTransfer({ classes, eligible, before: [outcome('a', 2, { 're-ask': 1, 'turn-budget': 1 })], after: [outcome('a', 2, { 're-ask': 2, 'turn-budget': 1 })] });
    expect(rose).toMatchObject({ status: 'harmful', regressions: [], reason: '`re-ask` rose: in 1 of 2 conversations before, 2 of 2 after.' });
  });

  it('inconclusive when a conversation hit an API error, before or after: never a verdict', () => {
    expect(judgeTransfer({ classes, eligible, before: [outcome('a', 2, { 're-ask': 2 })], after: [outcome('a', 2, {}, 1)] }).status).toBe('inconclusive');
  });

  it('a principle with two classes: a conversation showing both counts twice, so "free" is never overstated', () => {
    const judged = judgeTransfer({ classes: ['re-ask', 'premature-action'], eligible: ['a'], before: [outcome('a', 2, { 're-ask': 2, 'premature-action': 2 })], after: [outcome('a', 2, { 'premature-action': 1 })] });
    expect(judged).toMatchObject({ status: 'transferred', rates: { before: { withoutClass: 0 }, after: { withoutClass: 1 } } });
  });
});
