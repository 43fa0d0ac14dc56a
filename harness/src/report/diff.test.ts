import { describe, expect, it } from 'vitest';
import { diffExitCode, diffSnapshots } from './diff.js';
import type { KeyOutcome, RunSnapshot } from './snapshot.js';

const snap = (keys: Record<string, KeyOutcome>): RunSnapshot => ({ kind: 'run', keys });
const k = (judged: number, failed: KeyOutcome['failed'] = {}, errors = 0): KeyOutcome => ({ judged, errors, failed });

describe('diffSnapshots: scenario × class over judged trials', () => {
  it('new: failed in no BASE trial, in some HEAD trial (also when BASE did not have the scenario)', () => {
    const diff = diffSnapshots(snap({ a: k(3) }), snap({ a: k(3, { 're-ask': 1 }), b: k(1, { 'premature-action': 1 }) }));
    expect(diff.items).toEqual([
      { key: 'a', class: 're-ask', status: 'new', base: { failed: 0, judged: 3 }, head: { failed: 1, judged: 3 } },
      { key: 'b', class: 'premature-action', status: 'new', head: { failed: 1, judged: 1 } },
    ]);
  });

  it('fixed, still failing and flaky', () => {
    const base = snap({ fixed: k(2, { 're-ask': 2 }), still: k(2, { 're-ask': 2 }), flakyBase: k(3, { 're-ask': 1 }), flakyHead: k(3, { 're-ask': 3 }) });
    const head = snap({ fixed: k(2), still: k(2, { 're-ask': 2 }), flakyBase: k(3, { 're-ask': 3 }), flakyHead: k(3, { 're-ask': 2 }) });
    expect(diffSnapshots(base, head).items.map((i) => `${i.key}:${i.status}`)).toEqual(['fixed:fixed', 'still:still-failing', 'flakyBase:flaky', 'flakyHead:flaky']);
  });

  it('classes are compared separately: one class fixed and another new in the same scenario', () => {
    const diff = diffSnapshots(snap({ a: k(1, { 're-ask': 1 }) }), snap({ a: k(1, { 'premature-action': 1 }) }));
    expect(diff.items.map((i) => `${i.class}:${i.status}`)).toEqual(['premature-action:new', 're-ask:fixed']);
  });

  it('a BASE failure HEAD could not judge (missing, or every trial errored) is neither fixed nor still failing', () => {
    const diff = diffSnapshots(snap({ gone: k(1, { 're-ask': 1 }), errored: k(1, { 're-ask': 1 }) }), snap({ errored: k(0, {}, 2) }));
    expect(diff.items).toEqual([]);
    expect(diff.notJudged.map((n) => n.key)).toEqual(['errored', 'gone']);
    expect(diff.headErrors).toBe(2);
  });

  it('passing scenarios in both runs produce no items', () => {
    expect(diffSnapshots(snap({ a: k(3) }), snap({ a: k(3) })).items).toEqual([]);
  });
});

describe('diffExitCode', () => {
  const diff = diffSnapshots(snap({ still: k(1, { 're-ask': 1 }), gone: k(1, { 're-ask': 1 }) }), snap({ still: k(1, { 're-ask': 1 }), gone: k(1), fresh: k(1, { 're-ask': 1 }) }));
  it('--fail-on new fails only for new failures; any for any HEAD failure; none never', () => {
    expect(diffExitCode(diff, 'new')).toBe(1);
    expect(diffExitCode({ ...diff, items: diff.items.filter((i) => i.status !== 'new') }, 'new')).toBe(0);
    expect(diffExitCode({ ...diff, items: diff.items.filter((i) => i.status !== 'new') }, 'any')).toBe(1);
    expect(diffExitCode({ ...diff, items: diff.items.filter((i) => i.status === 'fixed') }, 'any')).toBe(0);
    expect(diffExitCode(diff, 'none')).toBe(0);
  });
  it('exits 3 when nothing fails the check but HEAD conversations errored (they may hide a regression)', () => {
    expect(diffExitCode({ ...diff, items: [], headErrors: 1 }, 'new')).toBe(3);
  });
});
