import type { Detector, DetectInput } from './detector.js';
import type { Finding } from './failure.js';

/** Runs every detector over one conversation; findings come back in message order. */
export function detectFailures(input: DetectInput, detectors: readonly Detector[]): Finding[] {
  return detectors.flatMap((d) => d.detect(input)).sort((a, b) => a.messageIndex - b.messageIndex || a.class.localeCompare(b.class));
}
