import * as z from 'zod';
import { FailureClassSchema } from '../detect/failure.js';
import { PromptPatchSchema } from '../refine/patch.js';

/** Where a principle sits: how the prompt is organised, one situation, or how to find failures. */
export const PrincipleCategorySchema = z.enum(['structural', 'localized', 'diagnostic']);
export type PrincipleCategory = z.infer<typeof PrincipleCategorySchema>;

/** The words of a principle: what the principle meta-prompt returns and a person reads. */
export const PrincipleTextSchema = z.strictObject({
  /** A short imperative, e.g. "Keep slot capture separate from workflow steps". */
  title: z.string().min(3).max(120),
  /** The rule, in one or two sentences, for any slot-filling bot. */
  statement: z.string().min(10).max(800),
  /** Why bots fail without it. */
  rationale: z.string().min(10).max(1200),
  /** What to write in a prompt to follow it. */
  howToApply: z.string().min(10).max(1200),
  /** The prompt pattern it prevents. */
  antiPattern: z.string().min(5).max(800),
  category: PrincipleCategorySchema,
});
export type PrincipleText = z.infer<typeof PrincipleTextSchema>;

/** A few messages around a flagged one, quoted from a transcript. */
export const ExcerptSchema = z.object({
  conversationId: z.string(),
  scenarioId: z.string().optional(),
  /** The flagged message. */
  messageIndex: z.number().int().nonnegative(),
  /** The detector's reason. */
  reason: z.string(),
  lines: z.array(z.object({ index: z.number().int().nonnegative(), role: z.string(), text: z.string() })),
});
export type Excerpt = z.infer<typeof ExcerptSchema>;

/** Of the conversations run: how many passed, and how many were free of the class being fixed. */
export const PassRateSchema = z.object({
  trials: z.number().int().nonnegative(),
  passed: z.number().int().nonnegative(),
  /** Conversations in which the class being fixed did not occur (another class may still fail them). */
  withoutClass: z.number().int().nonnegative(),
});
export type PassRate = z.infer<typeof PassRateSchema>;

/** Pass rates before and after a patch. */
export const BeforeAfterSchema = z.object({ before: PassRateSchema, after: PassRateSchema });

const provenanceBase = {
  /** Identifies the (run, bot, class) it came from: refine finds it again and adds nothing twice. */
  key: z.string(),
  failureClass: FailureClassSchema,
  runId: z.string(),
  bot: z.string().optional(),
  scenarioIds: z.array(z.string()),
  excerpts: z.array(ExcerptSchema),
  /** ISO date and time it was recorded. */
  date: z.string(),
  /** Hash of the prompt version that failed (as in the run's transcripts). */
  promptHash: z.string().optional(),
};

/** A fix that passed verification: the patch, the pass rates it achieved, who proposed and who ran it. */
export const VerifiedFixProvenanceSchema = z.object({
  kind: z.literal('verified-fix'),
  ...provenanceBase,
  patch: PromptPatchSchema,
  patchedPromptHash: z.string(),
  /** The failing scenarios (k trials each) and the whole suite, before and after the patch. */
  passRates: z.object({ failing: BeforeAfterSchema, suite: BeforeAfterSchema }),
  /** The bot's model in verification. */
  model: z.string(),
  /** The model that proposed the patch and the principle. */
  metaModel: z.string(),
  /** Attempts it took, this one included. */
  attempts: z.number().int().positive(),
  /** The verification run folders. */
  runs: z.array(z.string()).default([]),
});

/** Evidence recorded without a verified fix (no model, or no fix passed): unverified. */
export const SeedProvenanceSchema = z.object({
  kind: z.literal('seed'),
  ...provenanceBase,
  /** The exact fix-proposal meta-prompt that would be sent. */
  metaPrompt: z.string(),
});

/**
 * What applying a principle to another bot did there: `transferred` (its classes dropped, nothing
 * regressed), `no-effect` (they occurred and did not drop), `not-applicable` (they never occurred
 * there before, so there was nothing to fix), `harmful` (something regressed, or they rose).
 */
export const TransferStatusSchema = z.enum(['transferred', 'no-effect', 'not-applicable', 'harmful']);
export type TransferStatus = z.infer<typeof TransferStatusSchema>;

/** A scenario that got worse: it passed before and fails now, or shows a class it did not have. */
export const RegressionSchema = z.object({ scenarioId: z.string(), reason: z.string() });

/**
 * A transfer check: only this principle applied to another bot's prompt, that bot's suite run
 * before and after. `bot` is the bot it was applied to; `scenarioIds` the scenarios that can show
 * the principle's classes; `promptHash` the bot's prompt before.
 */
export const TransferProvenanceSchema = z.object({
  kind: z.literal('transfer'),
  ...provenanceBase,
  status: TransferStatusSchema,
  /** Why this status, with the numbers, in one sentence. */
  reason: z.string(),
  /** The principle's failure classes, whose rate was measured. */
  classes: z.array(FailureClassSchema).min(1),
  /** On the scenarios that can show the classes: conversations free of them (`withoutClass`), before and after. */
  rates: BeforeAfterSchema,
  /** The bot's whole suite, before and after. */
  suite: BeforeAfterSchema,
  regressions: z.array(RegressionSchema),
  /** The edit that applied the principle; absent when the prompt already followed it. */
  patch: PromptPatchSchema.optional(),
  patchedPromptHash: z.string().optional(),
  /** The bot's model in the runs. */
  model: z.string(),
  /** The model that applied the principle. */
  metaModel: z.string(),
  /** Trials per scenario, before and after. */
  trials: z.number().int().positive(),
  /** The before and after run folders. */
  runs: z.array(z.string()),
});

export const ProvenanceSchema = z.discriminatedUnion('kind', [VerifiedFixProvenanceSchema, SeedProvenanceSchema, TransferProvenanceSchema]);
export type Provenance = z.infer<typeof ProvenanceSchema>;
export type VerifiedFixProvenance = z.infer<typeof VerifiedFixProvenanceSchema>;
export type SeedProvenance = z.infer<typeof SeedProvenanceSchema>;
export type TransferProvenance = z.infer<typeof TransferProvenanceSchema>;

/** Where a principle was verified and what its transfer checks found, bot by bot (derived from its provenance when the guide is saved). */
export const TransferSummarySchema = z.object({
  /** Bots a fix was verified on, the principle generalised from it. */
  verifiedOn: z.array(z.string()),
  transferred: z.array(z.string()),
  noEffect: z.array(z.string()),
  notApplicable: z.array(z.string()),
  harmful: z.array(z.string()),
  /** e.g. "verified on restaurant; transferred to clinic, bank-transfer". */
  summary: z.string(),
});
export type TransferSummary = z.infer<typeof TransferSummarySchema>;

/** A principle of a guide, traced to the failures that taught it. */
export const PrincipleSchema = z.object({
  /** Stable slug; the Markdown guide's anchor. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  /** `verified`: generalised from a fix that passed verification; `unverified-seed`: a built-in starting principle. */
  status: z.enum(['verified', 'unverified-seed']),
  ...PrincipleTextSchema.shape,
  /** The failure classes it prevents. */
  failureClasses: z.array(FailureClassSchema).min(1),
  provenance: z.array(ProvenanceSchema),
  /** Verified on and transferred to which bots; absent until it has a verified fix or a transfer check. */
  transfer: TransferSummarySchema.optional(),
});
export type Principle = z.infer<typeof PrincipleSchema>;

/** The version `saveGuide` writes. Version 1 (before transfer checks) has the same fields otherwise, and loads as is. */
export const GUIDE_SCHEMA_VERSION = 2;

/** guides/<name>.json: the principles, for tools; guides/<name>.md is rendered from it. */
export const GuideSchema = z.object({
  /** 2 since transfer checks; 1 is still read (and written back as 2). */
  schemaVersion: z.union([z.literal(1), z.literal(GUIDE_SCHEMA_VERSION)]),
  name: z.string(),
  title: z.string(),
  description: z.string(),
  principles: z.array(PrincipleSchema),
});
export type Guide = z.infer<typeof GuideSchema>;
