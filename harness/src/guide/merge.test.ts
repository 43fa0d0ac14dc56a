import { describe, expect, it } from 'vitest';
import type { FailureClass } from '../detect/failure.js';
import { GuideSchema, type PrincipleText, type SeedProvenance, type VerifiedFixProvenance } from './schema.js';
import { mergeVerified, provenanceKey, recordSeed, recordUngeneralisedFix } from './merge.js';
import { emptyGuide } from './store.js';
import { SEED_PRINCIPLES } from '../refine/seeds.js';

const rate = { trials: 2, passed: 0, withoutClass: 0 };
const text = (title: string): PrincipleText => ({ title, statement: 'A rule for every bot.', rationale: 'Because bots fail.', howToApply: 'Write the rule down.', antiPattern: 'No rule.', category: 'structural' });
const seedEntry = (run: string, cls: FailureClass = 're-ask'): SeedProvenance => ({
  kind: 'seed', key: provenanceKey(run, 'restaurant', cls), failureClass: cls, runId: run, bot: 'restaurant', scenarioIds: ['s1'], excerpts: [], date: '2026-11-24T00:00:00.000Z', metaPrompt: '# Task: propose a prompt patch',
});
const fixEntry = (run: string, cls: FailureClass = 're-ask'): VerifiedFixProvenance => ({
  kind: 'verified-fix', key: provenanceKey(run, 'restaurant', cls), failureClass: cls, runId: run, bot: 'restaurant', scenarioIds: ['s1'], excerpts: [], date: '2026-11-24T00:00:00.000Z',
  promptHash: 'aaa', patch: { rationale: 'r', edits: [{ op: 'append', text: 'Never ask again.' }] }, patchedPromptHash: 'bbb',
  passRates: { failing: { before: rate, after: { ...rate, withoutClass: 2 } }, suite: { before: rate, after: rate } }, model: 'm', metaModel: 'mm', attempts: 1, runs: [],
});

describe('guide merge', () => {
  it('seeds a class with the built-in principle once per run, and accumulates evidence from other runs', () => {
    const first = recordSeed(emptyGuide('g'), seedEntry('r1'));
    expect(first.action).toBe('created-seed');
    expect(first.guide.principles[0]).toMatchObject({ status: 'unverified-seed', title: SEED_PRINCIPLES['re-ask'].title, failureClasses: ['re-ask'] });
    expect(recordSeed(first.guide, seedEntry('r1'))).toMatchObject({ action: 'already-recorded', guide: first.guide });
    const second = recordSeed(first.guide, seedEntry('r2'));
    expect(second.action).toBe('added-evidence');
    expect(second.guide.principles).toHaveLength(1);
    expect(second.guide.principles[0]!.provenance.map((p) => p.runId)).toEqual(['r1', 'r2']);
    expect(GuideSchema.safeParse(second.guide).success).toBe(true);
  });

  it('a verified principle replaces the seed of its class and keeps the seed\'s evidence', () => {
    const seeded = recordSeed(recordSeed(emptyGuide('g'), seedEntry('r1')).guide, seedEntry('r1', 'premature-action')).guide;
    const merged = mergeVerified(seeded, text('Track slots'), fixEntry('r1'), { verdict: 'new' });
    expect(merged.upgradedSeeds).toEqual([seeded.principles[0]!.id]);
    expect(merged.guide.principles.map((p) => [p.title, p.status])).toEqual([
      [SEED_PRINCIPLES['premature-action'].title, 'unverified-seed'],
      ['Track slots', 'verified'],
    ]);
    expect(merged.guide.principles[1]!.provenance.map((p) => p.kind)).toEqual(['seed', 'verified-fix']);
  });

  it('same: the provenance accumulates on the existing principle; the same run again changes nothing', () => {
    const one = mergeVerified(emptyGuide('g'), text('Track slots'), fixEntry('r1'), { verdict: 'new' });
    const two = mergeVerified(one.guide, text('Track slots, not scripts'), fixEntry('r2'), { verdict: 'same', principleId: one.principleId });
    expect(two.guide.principles).toHaveLength(1);
    expect(two.guide.principles[0]!.title).toBe('Track slots');
    expect(two.guide.principles[0]!.provenance.map((p) => p.runId)).toEqual(['r1', 'r2']);
    expect(mergeVerified(two.guide, text('Track slots'), fixEntry('r2'), { verdict: 'new' })).toMatchObject({ action: 'already-recorded', guide: two.guide });
  });

  it('refines: the existing principle takes the merged words and keeps its id; new: a second principle with a unique id', () => {
    const one = mergeVerified(emptyGuide('g'), text('Track slots'), fixEntry('r1'), { verdict: 'new' });
    const merged = { ...text('Track slots, wherever they are given'), statement: 'Sharper.' };
    const refined = mergeVerified(one.guide, text('x'), fixEntry('r2'), { verdict: 'refines', principleId: one.principleId, merged });
    expect(refined.guide.principles).toEqual([expect.objectContaining({ id: 'track-slots', title: 'Track slots, wherever they are given', statement: 'Sharper.' })]);
    const added = mergeVerified(refined.guide, text('Track slots'), fixEntry('r3', 'premature-action'), { verdict: 'new' });
    expect(added.guide.principles.map((p) => p.id)).toEqual(['track-slots', 'track-slots-2']);
  });

  it('a fix that could not be generalised is kept on the class\'s seed, and upgraded later', () => {
    const kept = recordUngeneralisedFix(emptyGuide('g'), fixEntry('r1'));
    expect(kept.guide.principles[0]).toMatchObject({ status: 'unverified-seed', provenance: [expect.objectContaining({ kind: 'verified-fix' })] });
    const upgraded = mergeVerified(kept.guide, text('Track slots'), fixEntry('r1'), { verdict: 'new' });
    expect(upgraded.action).toBe('new');
    expect(upgraded.guide.principles).toEqual([expect.objectContaining({ status: 'verified', provenance: [expect.objectContaining({ kind: 'verified-fix', runId: 'r1' })] })]);
  });
});
