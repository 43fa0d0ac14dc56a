import { describe, expect, it } from 'vitest';
import { SEED_PRINCIPLES } from '../refine/seeds.js';
import { GOOD_PRINCIPLES } from '../testing/scripted-refiner.js';
import type { FailureClass } from '../detect/failure.js';
import { unverifiedPrinciples } from './health.js';
import { findNearDuplicates } from './near-duplicates.js';
import { emptyGuide } from './store.js';
import type { Principle, PrincipleText } from './schema.js';

const principle = (id: string, text: PrincipleText, cls: FailureClass, status: Principle['status'] = 'verified'): Principle => ({ id, status, ...text, failureClasses: [cls], provenance: [] });

describe('guide health, read from the guide', () => {
  it('near-duplicates: restatements of one rule are found; principles on other classes are not', () => {
    const principles = [
      principle('seed-re-ask', SEED_PRINCIPLES['re-ask'], 're-ask'),
      principle('seed-premature', SEED_PRINCIPLES['premature-action'], 'premature-action'),
      principle('seed-go-ahead', SEED_PRINCIPLES['confirmation-as-go-ahead'], 'confirmation-as-go-ahead'),
      principle('track-slots', GOOD_PRINCIPLES['re-ask'] as PrincipleText, 're-ask'),
      principle('separate', GOOD_PRINCIPLES['premature-action'] as PrincipleText, 'premature-action'),
      principle('missing', SEED_PRINCIPLES['missing-action'], 'missing-action'),
    ];
    expect(findNearDuplicates(principles).map((d) => [d.principleIds, d.sharedClasses])).toEqual([
      [['seed-premature', 'separate'], ['premature-action']],
      [['seed-re-ask', 'track-slots'], ['re-ask']],
    ]);
  });

  it('principles without verified provenance: seeds, and a "verified" one with no verified fix', () => {
    const guide = { ...emptyGuide('g'), principles: [principle('seed', SEED_PRINCIPLES['re-ask'], 're-ask', 'unverified-seed'), principle('hand-made', SEED_PRINCIPLES['wrong-value'], 'wrong-value')] };
    expect(unverifiedPrinciples(guide)).toEqual([
      { principleId: 'seed', title: SEED_PRINCIPLES['re-ask'].title, why: 'unverified seed: no fix has verified it yet' },
      { principleId: 'hand-made', title: SEED_PRINCIPLES['wrong-value'].title, why: 'marked verified, but its provenance holds no verified fix' },
    ]);
  });
});
