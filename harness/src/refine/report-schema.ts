import { UsageSchema } from '../model/usage.js';
import * as z from 'zod';
import { FailureClassSchema } from '../detect/failure.js';
import { BeforeAfterSchema } from '../guide/schema.js';
import { TransferResultSchema } from '../guide/transfer-schema.js';
import { PromptPatchSchema } from './patch.js';

/**
 * How one attempt ended. `accepted`: verified. `not-fixed`: the class still
 * occurs in the failing scenarios. `regression`: something that passed now
 * fails. `does-not-apply`: an anchor did not match exactly once, or the result
 * is not a valid template. `invalid-output`/`refused`: the model's answer was
 * unusable. `api-error`/`inconclusive`: the model could not be reached, for
 * the proposal or during verification; never counted as a fix or a failure.
 */
export const AttemptOutcomeSchema = z.enum(['accepted', 'not-fixed', 'regression', 'does-not-apply', 'invalid-output', 'refused', 'api-error', 'inconclusive']);
export type AttemptOutcome = z.infer<typeof AttemptOutcomeSchema>;

/** What verifying a patch found. */
export const VerificationSchema = z.object({
  /** Run folders of the verification, relative to the project. */
  runs: z.array(z.string()),
  failing: BeforeAfterSchema,
  suite: BeforeAfterSchema.optional(),
  /** Failing scenarios where the class still occurs: in how many of their conversations. */
  stillFailing: z.array(z.object({ scenarioId: z.string(), failed: z.number().int(), trials: z.number().int() })),
  regressions: z.array(z.object({ scenarioId: z.string(), reason: z.string() })),
  /** Classes still to be fixed in this refine that the patch brought to light in scenarios that already failed: left to their own fix, not regressions. */
  surfaced: z.array(z.object({ scenarioId: z.string(), classes: z.array(FailureClassSchema) })).optional(),
  errors: z.number().int().nonnegative(),
});
export type Verification = z.infer<typeof VerificationSchema>;

/** One try at fixing a class: the patch, how it ended and why. */
export const AttemptSchema = z.object({
  n: z.number().int().positive(),
  outcome: AttemptOutcomeSchema,
  /** Why it was not accepted, as fed back to the next attempt. */
  problem: z.string().optional(),
  patch: PromptPatchSchema.optional(),
  patchedPromptHash: z.string().optional(),
  verification: VerificationSchema.optional(),
  /** The model's answers when they could not be used. */
  rawOutputs: z.array(z.string()).optional(),
});
export type Attempt = z.infer<typeof AttemptSchema>;

/** What became of one failure class. */
export const ClassResultSchema = z.object({
  bot: z.string().optional(),
  failureClass: FailureClassSchema,
  /**
   * `fixed`: verified and generalised into a principle. `fixed-not-generalised`: verified, but no
   * principle could be extracted. `no-verified-fix`: every attempt failed. `seeded`: no model; an
   * unverified seed was written. `skipped`: not attempted (see `reason`).
   */
  status: z.enum(['fixed', 'fixed-not-generalised', 'no-verified-fix', 'seeded', 'skipped']),
  reason: z.string(),
  scenarioIds: z.array(z.string()),
  failures: z.number().int().nonnegative(),
  attempts: z.array(AttemptSchema),
  /** The guide principle the class went into, and how. */
  principleId: z.string().optional(),
  guideAction: z.string().optional(),
});
export type ClassResult = z.infer<typeof ClassResultSchema>;

/** refine.json: what one refine did; refine.md is rendered from it. */
export const RefineReportSchema = z.object({
  schemaVersion: z.literal(1),
  refineId: z.string(),
  runId: z.string(),
  runDir: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  /** `verify`: fixes proposed and verified with a model; `offline`: no model, seeds only. */
  mode: z.enum(['verify', 'offline']),
  metaModel: z.string().optional(),
  trials: z.number().int().positive(),
  suiteTrials: z.number().int().positive(),
  maxAttempts: z.number().int().positive(),
  guide: z.object({ name: z.string(), json: z.string(), markdown: z.string() }),
  refinedPrompts: z.array(z.object({ bot: z.string(), file: z.string(), promptHash: z.string(), overwrote: z.boolean() })),
  notes: z.array(z.string()),
  classes: z.array(ClassResultSchema),
  /** Tokens of the refine's model calls: meta-prompts (`meta`) and the verification runs' bot (`bot`), by model. */
  usage: UsageSchema.optional(),
  /** With `--transfer`: the bots each principle of this refine was checked on. */
  transferBots: z.array(z.string()).optional(),
  /** Per principle × bot: what applying the principle there did. */
  transfers: z.array(TransferResultSchema).optional(),
  /** Offline with `--transfer`: the exact meta-prompts the transfer checks would send. */
  transferPrompts: z.array(z.object({ principleId: z.string(), bot: z.string(), metaPrompt: z.string() })).optional(),
  /** 0 every class fixed (or seeded offline), 1 some class has no verified fix or a principle was harmful on another bot, 3 API errors kept some from being tried. */
  exitCode: z.number().int(),
});
export type RefineReport = z.infer<typeof RefineReportSchema>;
