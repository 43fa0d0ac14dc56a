import { existsSync } from 'node:fs';
import * as z from 'zod';
import { SlotcheckError } from '../core/errors.js';
import { parseLocated } from '../core/located-parse.js';
import { readTextFile } from '../core/text-file.js';
import { TokenCountSchema, UsageRoleSchema, UsageSchema, countsByRole, type TokenCount, type Usage, type UsageRole } from '../model/usage.js';

/** A price table (`--prices FILE`): per model, the price of a million tokens in (prompt) and out (completion). */
export const PriceTableSchema = z.strictObject({
  $schema: z.string().optional(),
  currency: z.string().min(1).default('USD').describe('What the prices are in; only a label.'),
  models: z.record(z.string().min(1), z.strictObject({
    input: z.number().nonnegative().describe('Price of a million prompt tokens.'),
    output: z.number().nonnegative().describe('Price of a million completion tokens.'),
  })).describe('Prices by model name, as the run names models.'),
});
export type PriceTable = z.infer<typeof PriceTableSchema>;

/** Reads and validates a price table (YAML or JSON); a problem names the file, line and field. */
export function loadPriceTable(path: string, display: (p: string) => string = (p) => p): PriceTable {
  const file = display(path);
  if (!existsSync(path)) throw new SlotcheckError('INPUT_NOT_FOUND', `${file}: no such price table (--prices)`);
  return parseLocated(readTextFile(path, file, 'PRICES_INVALID'), file, PriceTableSchema, 'PRICES_INVALID');
}

/** What a run cost, from its tokens and a price table. */
export const CostSchema = z.object({
  currency: z.string(),
  /** Sum over the priced models. */
  total: z.number().nonnegative(),
  byRole: z.partialRecord(UsageRoleSchema, z.number().nonnegative()),
  /** Models that made calls but have no price: their cost is left out of the total. */
  unpriced: z.array(z.string()),
});
export type Cost = z.infer<typeof CostSchema>;

/** The cost of a usage table; calls of unpriced models are listed, never counted as free. */
export function costOf(usage: Usage, prices: PriceTable): Cost {
  const byRole: Partial<Record<UsageRole, number>> = {};
  const unpriced = new Set<string>();
  for (const [role, models] of Object.entries(usage) as Array<[UsageRole, Record<string, TokenCount>]>) {
    for (const [model, count] of Object.entries(models)) {
      const price = prices.models[model];
      if (!price) {
        if (count.calls > 0) unpriced.add(model);
        continue;
      }
      byRole[role] = (byRole[role] ?? 0) + (count.promptTokens * price.input + count.completionTokens * price.output) / 1_000_000;
    }
  }
  const total = Object.values(byRole).reduce((a, b) => a + b, 0);
  return { currency: prices.currency, total, byRole, unpriced: [...unpriced].sort() };
}

/** summary.json's `usage`: tokens by role, by role and model, and (with a price table) money. */
export const UsageSummarySchema = z.object({
  byRole: z.partialRecord(UsageRoleSchema, TokenCountSchema),
  byRoleAndModel: UsageSchema,
  cost: CostSchema.optional(),
});
export type UsageSummary = z.infer<typeof UsageSummarySchema>;

export function summarizeUsage(usage: Usage, prices?: PriceTable): UsageSummary | undefined {
  if (Object.keys(usage).length === 0) return undefined;
  return { byRole: countsByRole(usage), byRoleAndModel: usage, ...(prices ? { cost: costOf(usage, prices) } : {}) };
}
