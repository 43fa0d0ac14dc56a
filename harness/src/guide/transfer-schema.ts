import * as z from 'zod';
import { TransferProvenanceSchema, TransferStatusSchema } from './schema.js';

/**
 * One principle × bot of a transfer check. Beyond the four statuses recorded in the guide:
 * `inconclusive` (API errors, or the principle could not be applied: never a bot failure, not
 * recorded in the guide) and `skipped` (the principle was verified on that bot).
 */
export const TransferResultSchema = z.object({
  principleId: z.string(),
  title: z.string(),
  bot: z.string(),
  status: z.union([TransferStatusSchema, z.enum(['inconclusive', 'skipped'])]),
  reason: z.string(),
  /** What went into the principle's provenance (not for inconclusive or skipped). */
  entry: TransferProvenanceSchema.optional(),
});
export type TransferResult = z.infer<typeof TransferResultSchema>;

/** transfer.json of `slotcheck guide verify`; transfer.md is rendered from it. */
export const TransferReportSchema = z.object({
  schemaVersion: z.literal(1),
  checkId: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  guide: z.object({ name: z.string(), json: z.string(), markdown: z.string() }),
  model: z.string(),
  metaModel: z.string(),
  trials: z.number().int().positive(),
  bots: z.array(z.string()),
  results: z.array(TransferResultSchema),
  /** 0 nothing harmful, 1 a principle was harmful on a bot, 3 API errors left a check inconclusive. */
  exitCode: z.number().int(),
});
export type TransferReport = z.infer<typeof TransferReportSchema>;

/** 1 when a principle was harmful somewhere; else 3 when API errors left a check inconclusive; else 0. */
export function transferExitCode(results: readonly TransferResult[]): number {
  if (results.some((r) => r.status === 'harmful')) return 1;
  return results.some((r) => r.status === 'inconclusive') ? 3 : 0;
}
