import * as z from 'zod';
import { FailureClassSchema } from '../detect/failure.js';

/** One gold dialogue act, as in `../shared/data/sgd` labels (SGD's act names: INFORM, REQUEST, NOTIFY_SUCCESS, …). */
export const GoldActSchema = z.looseObject({
  /** The act's name, e.g. `REQUEST`. */
  act: z.string().min(1),
  /** The slot the act is about, when it is about one. */
  slot: z.string().optional(),
  /** The values stated, as written. */
  values: z.array(z.string()).optional(),
  /** For CALL: the action called. */
  method: z.string().optional(),
  /** For CALL: whether the action is consequential. */
  consequential: z.boolean().optional(),
});
export type GoldAct = z.infer<typeof GoldActSchema>;

/** Gold acts by message index. */
export const GoldActsSchema = z.record(z.string().regex(/^\d+$/, 'a message index'), z.array(GoldActSchema));
export type GoldActs = z.infer<typeof GoldActsSchema>;

/** A failure a person (or a controlled perturbation) says is in the conversation. */
export const LabelledFailureSchema = z.looseObject({
  class: FailureClassSchema,
  /** Index into the conversation's `messages` of the failing message. */
  messageIndex: z.number().int().nonnegative(),
  slot: z.string().optional(),
});
export type LabelledFailure = z.infer<typeof LabelledFailureSchema>;

/** A line of a labels file: the known failures of one conversation (none: the conversation is clean). */
export const LabelSchema = z.looseObject({
  /** The conversation's `id` in the transcripts file. */
  id: z.string().min(1),
  /** Where the conversation came from (SGD dialogue id, log reference, …). */
  source: z.string().optional(),
  /** How the conversation was made: `original`, or the failure class it was perturbed into. */
  variant: z.string().optional(),
  failures: z.array(LabelledFailureSchema),
  /**
   * Gold dialogue acts by message index, for measuring a tagger on its own.
   * Scoring failures does not read them, so they are checked (GoldActsSchema)
   * only by what does: checking them here would double the time to load.
   */
  acts: z.unknown().optional(),
});
export type Label = z.infer<typeof LabelSchema>;

/** Labels by conversation id, with the file they came from. */
export interface LabelSet {
  file: string;
  byId: ReadonlyMap<string, Label>;
  /** The line of each conversation's label, for errors. */
  lineOf?: ReadonlyMap<string, number>;
}
