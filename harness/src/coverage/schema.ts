import * as z from 'zod';
import { FailureClassSchema } from '../detect/failure.js';

/** One situation: how many scenarios set it up, and (after a run) in how many conversations it happened. */
export const CoverageCellSchema = z.object({
  /** Scenarios of the suite that set it up; absent when the suite is not known (recorded conversations). */
  scenarios: z.number().int().nonnegative().optional(),
  /** Judged conversations of the run in which it happened; absent before a run. */
  occurred: z.number().int().nonnegative().optional(),
  /** False when the situation cannot arise for this slot (a slot the action needs cannot be left out, one it does not need is never asked for). */
  applies: z.boolean().optional(),
});
export type CoverageCell = z.infer<typeof CoverageCellSchema>;

/** How one slot of the main action was given and changed. */
export const SlotCoverageSchema = z.object({
  slot: z.string(),
  volunteered: CoverageCellSchema,
  asked: CoverageCellSchema,
  correctedAtConfirmation: CoverageCellSchema,
  correctedNextTurn: CoverageCellSchema,
  leftOut: CoverageCellSchema,
});

/** Whether a failure class can show at all with this suite, and why not when it cannot. */
export const ClassReachSchema = z.object({
  class: FailureClassSchema,
  /** Absent when the suite is not known (recorded conversations). */
  reachable: z.boolean().optional(),
  /** Some scenarios that can show it (at most three). */
  examples: z.array(z.string()),
  /** Why no scenario can show it, or what only some form of it needs. */
  reason: z.string().optional(),
  /** Conversations of the run in which it was found. */
  found: z.number().int().nonnegative().optional(),
});
export type ClassReach = z.infer<typeof ClassReachSchema>;

/** What a suite (and a run of it) exercises for one bot. */
export const BotCoverageSchema = z.object({
  bot: z.string(),
  task: z.string(),
  /** The action scenarios are about: the task's first consequential action, else its first. */
  action: z.string().nullable(),
  /** Scenarios of the suite for this bot; absent for recorded conversations. */
  scenarios: z.number().int().nonnegative().optional(),
  /** Judged conversations of the run; absent before a run. */
  conversations: z.number().int().nonnegative().optional(),
  /** Judged conversations with the simulator's acts (how values were given is known only from them). */
  withUserActs: z.number().int().nonnegative().optional(),
  slots: z.array(SlotCoverageSchema),
  policies: z.array(z.object({ confirmation: z.enum(['affirm', 'affirm-and-go-ahead']), goAhead: z.enum(['when-asked', 'never']), cell: CoverageCellSchema })),
  endings: z.object({ action: CoverageCellSchema, noAction: CoverageCellSchema, refused: CoverageCellSchema }),
  tools: z.object({ success: CoverageCellSchema, failure: CoverageCellSchema, retry: CoverageCellSchema }),
  classes: z.array(ClassReachSchema),
});
export type BotCoverage = z.infer<typeof BotCoverageSchema>;

/** `slotcheck coverage --json`, and the coverage section of a run's reports. */
export const CoverageSchema = z.object({
  schemaVersion: z.literal(1),
  bots: z.array(BotCoverageSchema),
});
export type Coverage = z.infer<typeof CoverageSchema>;
