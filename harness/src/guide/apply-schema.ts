import * as z from 'zod';
import { PromptEditSchema, PromptPatchSchema } from '../refine/patch.js';

/** What the guide-apply meta-prompt returns: a minimal patch, and per principle the lines of the revised prompt that follow it. */
export const ApplyAnswerSchema = z.strictObject({
  /** What was changed and why. */
  rationale: z.string().min(1).max(1500),
  /** In `refine`'s patch format; empty when the prompt already follows every principle. */
  edits: z.array(PromptEditSchema).max(12),
  /** One entry per principle: lines quoted from the revised prompt. */
  implements: z.array(z.strictObject({ principleId: z.string(), lines: z.array(z.string().min(1)).min(1).max(8) })),
});
export type ApplyAnswer = z.infer<typeof ApplyAnswerSchema>;

/** A principle and where the revised prompt follows it: each quote with the line it starts on. */
export const ImplementedPrincipleSchema = z.object({
  principleId: z.string(),
  title: z.string(),
  status: z.enum(['verified', 'unverified-seed']),
  lines: z.array(z.object({ line: z.number().int().positive(), text: z.string() })),
});
export type ImplementedPrinciple = z.infer<typeof ImplementedPrincipleSchema>;

/** <prompt>.applied.json: what `slotcheck guide apply` did to a prompt, next to the revised prompt and its diff. */
export const AppliedPromptRecordSchema = z.object({
  schemaVersion: z.literal(1),
  date: z.string(),
  guide: z.object({ name: z.string(), title: z.string(), file: z.string() }),
  /** The prompt applied to, and the files written. */
  promptFile: z.string(),
  outFile: z.string(),
  diffFile: z.string(),
  promptHash: z.string(),
  revisedPromptHash: z.string(),
  metaModel: z.string(),
  patch: PromptPatchSchema.optional(),
  principles: z.array(ImplementedPrincipleSchema),
});
export type AppliedPromptRecord = z.infer<typeof AppliedPromptRecordSchema>;
