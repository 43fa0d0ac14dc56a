export * from './failure.js';
export type { Detector, DetectInput } from './detector.js';
export { DETECTORS, resolveDetectors } from './registry.js';
export { detectFailures } from './detect.js';
