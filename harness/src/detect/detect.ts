import type { Detector, DetectInput } from './detector.js';
import type { Finding } from './failure.js';

/**
 * Findings that name what went wrong with one argument more precisely than
 * `unapproved-detail` does: a value the user corrected, gave otherwise or never
 * gave is that defect, not an approval gap as well, so the call is reported once.
 */
const MORE_PRECISE = new Set<Finding['class']>(['ignored-correction', 'wrong-value', 'invented-value']);

/** Runs every detector over one conversation; findings come back in message order. */
export function detectFailures(input: DetectInput, detectors: readonly Detector[]): Finding[] {
  const findings = detectors.flatMap((d) => d.detect(input));
  const precise = new Set(findings.filter((f) => MORE_PRECISE.has(f.class) && f.slot).map((f) => `${f.messageIndex}|${f.slot}`));
  return findings
    .filter((f) => f.class !== 'unapproved-detail' || !f.slot || !precise.has(`${f.messageIndex}|${argumentName(f.slot)}`))
    .sort((a, b) => a.messageIndex - b.messageIndex || a.class.localeCompare(b.class));
}

/** The top-level argument of a path such as `charges[0].amount`. */
function argumentName(path: string): string {
  return path.split(/[.[]/)[0] ?? path;
}
