import { describe, expect, it } from 'vitest';
import type { ScenarioOutcome } from './outcomes.js';
import { judgeVerification } from './verify.js';

const outcome = (id: string, trials: number, passes: number, classes: Record<string, number> = {}, errors = 0): ScenarioOutcome => ({
  id, bot: 'b', trials, passes, failed: trials - passes - errors, errors, failuresByClass: classes, conversationsWith: classes,
});
const baseline = new Map([
  ['asks-twice', outcome('asks-twice', 1, 0, { 're-ask': 1, 'premature-action': 1 })],
  ['clean', outcome('clean', 1, 1)],
]);
const request = { failureClass: 're-ask' as const, failing: ['asks-twice'], baseline };

describe('judgeVerification', () => {
  it('accepts when the class is gone, even if another class the scenario already had remains', () => {
    const result = judgeVerification(request, [outcome('asks-twice', 3, 0, { 'premature-action': 3 }), outcome('clean', 1, 1)], ['a', 'b']);
    expect(result.outcome).toBe('accepted');
    expect(result.verification.failing).toEqual({ before: { trials: 1, passed: 0, withoutClass: 0 }, after: { trials: 3, passed: 0, withoutClass: 3 } });
    expect(result.verification.suite?.after).toEqual({ trials: 4, passed: 1, withoutClass: 4 });
  });

  it('not fixed when the class occurs in any trial of a failing scenario', () => {
    const result = judgeVerification(request, [outcome('asks-twice', 3, 0, { 're-ask': 1, 'premature-action': 3 })], ['a']);
    expect(result.outcome).toBe('not-fixed');
    expect(result.problem).toBe('`re-ask` still occurs with the patched prompt in asks-twice (1 of 3 trial(s)).');
  });

  it('a regression when a passing scenario now fails, or a scenario shows a class it did not have', () => {
    const broke = judgeVerification(request, [outcome('asks-twice', 1, 0, { 'premature-action': 1 }), outcome('clean', 1, 0, { 'premature-action': 1 })], ['a', 'b']);
    expect(broke.outcome).toBe('regression');
    expect(broke.verification.regressions).toEqual([{ scenarioId: 'clean', reason: 'passed before, now fails with premature-action' }]);
    const newClass = judgeVerification(request, [outcome('asks-twice', 1, 0, { 'premature-action': 1, 'wrong-value': 1 })], ['a']);
    expect(newClass.verification.regressions).toEqual([{ scenarioId: 'asks-twice', reason: 'now also fails with wrong-value' }]);
  });

  it('a class still to be fixed in this refine, brought to light in a scenario that already failed, is left to its own fix, not a regression', () => {
    const before = new Map([['asks-twice', outcome('asks-twice', 1, 0, { 're-ask': 1 })], ['clean', outcome('clean', 1, 1)]]);
    const after = [outcome('asks-twice', 1, 0, { 'premature-action': 1 }), outcome('clean', 1, 1)];
    expect(judgeVerification({ ...request, baseline: before }, after, ['a']).outcome).toBe('regression');
    const deferred = judgeVerification({ ...request, baseline: before, deferred: ['premature-action'] }, after, ['a']);
    expect(deferred.outcome).toBe('accepted');
    expect(deferred.verification.surfaced).toEqual([{ scenarioId: 'asks-twice', classes: ['premature-action'] }]);
    // A scenario that passed before and fails now is a regression whatever the class.
    const broke = judgeVerification({ ...request, baseline: before, deferred: ['premature-action'] }, [after[0]!, outcome('clean', 1, 0, { 'premature-action': 1 })], ['a']);
    expect(broke.outcome).toBe('regression');
  });

  it('inconclusive when a verification conversation hit an API error: never a fix, never a failure', () => {
    const result = judgeVerification(request, [outcome('asks-twice', 3, 2, {}, 1)], ['a']);
    expect(result.outcome).toBe('inconclusive');
  });
});
