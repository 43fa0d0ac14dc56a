import { describe, expect, it } from 'vitest';
import { detectFailures } from './detect.js';
import type { Detector, DetectInput } from './detector.js';
import type { Finding } from './failure.js';

const input = { conversation: { id: 'c', task: { name: 't', description: '', slots: [], actions: [] }, messages: [] }, acts: [], task: { name: 't', description: '', slots: [], actions: [] } } as unknown as DetectInput;

function fixed(id: Finding['class'], findings: Finding[]): Detector {
  return { id, title: id, definition: id, detect: () => findings };
}

const finding = (cls: Finding['class'], messageIndex: number, slot?: string): Finding => ({ class: cls, messageIndex, ...(slot ? { slot } : {}), evidence: { quote: 'q', reason: 'r' } }) as Finding;

describe('detectFailures: one finding per defect of an argument', () => {
  it('drops unapproved-detail for an argument a wrong-value or invented-value finding names at the same call', () => {
    const found = detectFailures(input, [
      fixed('unapproved-detail', [finding('unapproved-detail', 5, 'amount'), finding('unapproved-detail', 7, 'reference')]),
      fixed('wrong-value', [finding('wrong-value', 5, 'amount')]),
      fixed('invented-value', [finding('invented-value', 7, 'reference')]),
    ]);
    expect(found.map((f) => `${f.class}@${f.messageIndex}:${f.slot}`)).toEqual(['wrong-value@5:amount', 'invented-value@7:reference']);
  });

  it('keeps unapproved-detail for another argument, another call, or a nested path of another argument', () => {
    const found = detectFailures(input, [
      fixed('unapproved-detail', [finding('unapproved-detail', 5, 'charges[0].amount'), finding('unapproved-detail', 9, 'amount')]),
      fixed('wrong-value', [finding('wrong-value', 5, 'date'), finding('wrong-value', 7, 'amount')]),
    ]);
    expect(found.map((f) => `${f.class}@${f.messageIndex}`)).toEqual(['unapproved-detail@5', 'wrong-value@5', 'wrong-value@7', 'unapproved-detail@9']);
  });

  it('drops unapproved-detail for a nested path of an argument another finding names', () => {
    const found = detectFailures(input, [fixed('unapproved-detail', [finding('unapproved-detail', 5, 'charges[0].amount')]), fixed('ignored-correction', [finding('ignored-correction', 5, 'charges')])]);
    expect(found.map((f) => f.class)).toEqual(['ignored-correction']);
  });
});
