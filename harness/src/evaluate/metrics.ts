import * as z from 'zod';
import { FailureClassSchema } from '../detect/failure.js';

/** Agreement counts at one level, with the rates derived from them (null when undefined: nothing to divide by). */
export const ScoreSchema = z.object({
  truePositives: z.number().int().nonnegative(),
  falsePositives: z.number().int().nonnegative(),
  falseNegatives: z.number().int().nonnegative(),
  precision: z.number().min(0).max(1).nullable(),
  recall: z.number().min(0).max(1).nullable(),
  f1: z.number().min(0).max(1).nullable(),
});
export type Score = z.infer<typeof ScoreSchema>;

/** How well one failure class was detected. */
export const ClassMetricsSchema = z.object({
  class: FailureClassSchema,
  /** Per conversation: labelled with the class vs. predicted to have it anywhere. */
  conversation: ScoreSchema,
  /** Per failure: a prediction matches a label when conversation, class and message index agree. */
  message: ScoreSchema,
});
export type ClassMetrics = z.infer<typeof ClassMetricsSchema>;

/** metrics.json: detector accuracy of a run against a labels file. */
export const MetricsSchema = z.object({
  schemaVersion: z.literal(1),
  labelsFile: z.string(),
  /** Conversations both analysed and labelled: the ones scored. */
  scored: z.number().int().nonnegative(),
  /** Analysed conversations with no label (not scored). */
  unlabelled: z.number().int().nonnegative(),
  /** Labels whose conversation was not in the analysed file. */
  labelsWithoutConversation: z.number().int().nonnegative(),
  classes: z.array(ClassMetricsSchema),
  /** Conversations labelled clean (no failures) for which any class was predicted. */
  falseAlarms: z.object({ clean: z.number().int().nonnegative(), flagged: z.number().int().nonnegative(), rate: z.number().min(0).max(1).nullable() }),
});
export type Metrics = z.infer<typeof MetricsSchema>;

/** Precision, recall and F1 from counts. */
export function score(truePositives: number, falsePositives: number, falseNegatives: number): Score {
  const precision = ratio(truePositives, truePositives + falsePositives);
  const recall = ratio(truePositives, truePositives + falseNegatives);
  const f1 = precision === null || recall === null ? null : precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives, falsePositives, falseNegatives, precision, recall, f1 };
}

export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}
