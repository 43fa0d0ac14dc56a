import { SlotcheckError } from '../core/errors.js';
import type { Detector } from './detector.js';
import type { FailureClass } from './failure.js';
import { reAskDetector } from './re-ask.js';
import { prematureActionDetector } from './premature-action.js';

/** Every detector, keyed by the failure class it finds. */
export const DETECTORS: Partial<Record<FailureClass, Detector>> = {
  're-ask': reAskDetector,
  'premature-action': prematureActionDetector,
};

/** The detectors for the given ids (all when none); an unknown id lists the known ones. */
export function resolveDetectors(ids?: readonly string[]): Detector[] {
  const all = Object.values(DETECTORS).filter((d): d is Detector => d !== undefined);
  if (!ids || ids.length === 0) return all;
  return ids.map((id) => {
    const detector = DETECTORS[id as FailureClass];
    if (!detector) throw new SlotcheckError('UNKNOWN_ID', `unknown detector "${id}"; known: ${all.map((d) => d.id).join(', ')}`);
    return detector;
  });
}
