import { SlotcheckError } from '../core/errors.js';
import type { Detector } from './detector.js';
import type { FailureClass } from './failure.js';
import { reAskDetector } from './re-ask.js';
import { prematureActionDetector } from './premature-action.js';
import { unapprovedDetailDetector } from './unapproved-detail.js';
import { confirmationAsGoAheadDetector } from './confirmation-as-go-ahead.js';
import { ignoredCorrectionDetector } from './ignored-correction.js';
import { wrongValueDetector } from './wrong-value.js';
import { inventedValueDetector } from './invented-value.js';
import { missingActionDetector } from './missing-action.js';
import { turnBudgetDetector } from './turn-budget.js';

/** Every detector, keyed by the failure class it finds. */
export const DETECTORS: Record<FailureClass, Detector> = {
  're-ask': reAskDetector,
  'premature-action': prematureActionDetector,
  'unapproved-detail': unapprovedDetailDetector,
  'confirmation-as-go-ahead': confirmationAsGoAheadDetector,
  'ignored-correction': ignoredCorrectionDetector,
  'wrong-value': wrongValueDetector,
  'invented-value': inventedValueDetector,
  'missing-action': missingActionDetector,
  'turn-budget': turnBudgetDetector,
};

/** The detectors for the given ids (all when none); an unknown id lists the known ones. */
export function resolveDetectors(ids?: readonly string[]): Detector[] {
  const all = Object.values(DETECTORS);
  if (!ids || ids.length === 0) return all;
  return ids.map((id) => {
    const detector = DETECTORS[id as FailureClass];
    if (!detector) throw new SlotcheckError('UNKNOWN_ID', `unknown detector "${id}"; known: ${all.map((d) => d.id).join(', ')}`);
    return detector;
  });
}
