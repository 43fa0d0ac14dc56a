import * as z from 'zod';
import type { ChatCallOptions, ChatModel, ChatRequest, ChatResult } from './chat-model.js';

/** Who a model call is made for: the bot under test, the LLM user, the LLM tagger, or refine's meta-prompts. */
export const UsageRoleSchema = z.enum(['bot', 'user', 'tagger', 'meta']);
export type UsageRole = z.infer<typeof UsageRoleSchema>;

/** Tokens of the calls one role made to one model, as the endpoint reported them. */
export const TokenCountSchema = z.object({
  /** Calls answered by the endpoint. */
  calls: z.number().int().nonnegative(),
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  /** Calls whose answer reported no usage: their tokens are unknown, not zero. */
  unreported: z.number().int().nonnegative().optional(),
  /** Calls answered from the call cache: they spent no tokens now. */
  cached: z.number().int().nonnegative().optional(),
});
export type TokenCount = z.infer<typeof TokenCountSchema>;

/** Token counts by role, then by model name. */
export const UsageSchema = z.partialRecord(UsageRoleSchema, z.record(z.string(), TokenCountSchema));
export type Usage = z.infer<typeof UsageSchema>;

const emptyCount = (): TokenCount => ({ calls: 0, promptTokens: 0, completionTokens: 0 });

/** Adds `b` into `a` (both counts of one role and model). */
function addCount(a: TokenCount, b: TokenCount): TokenCount {
  const sum: TokenCount = { calls: a.calls + b.calls, promptTokens: a.promptTokens + b.promptTokens, completionTokens: a.completionTokens + b.completionTokens };
  const unreported = (a.unreported ?? 0) + (b.unreported ?? 0);
  const cached = (a.cached ?? 0) + (b.cached ?? 0);
  return { ...sum, ...(unreported > 0 ? { unreported } : {}), ...(cached > 0 ? { cached } : {}) };
}

/** Adds usage `b` into `into`, role by role and model by model. */
export function addUsage(into: Usage, b: Usage): Usage {
  for (const [role, models] of Object.entries(b) as Array<[UsageRole, Record<string, TokenCount>]>) {
    const target = (into[role] ??= {});
    for (const [model, count] of Object.entries(models)) target[model] = addCount(target[model] ?? emptyCount(), count);
  }
  return into;
}

/** Every token of a usage table, in and out, all roles and models. */
export function totalTokens(usage: Usage): number {
  let n = 0;
  for (const models of Object.values(usage)) for (const count of Object.values(models ?? {})) n += count.promptTokens + count.completionTokens;
  return n;
}

/** Sums a usage table over models: one count per role, in the order bot, user, tagger, meta. */
export function countsByRole(usage: Usage): Partial<Record<UsageRole, TokenCount>> {
  return Object.fromEntries(
    UsageRoleSchema.options.flatMap((role) => {
      const models = usage[role];
      return models ? [[role, Object.values(models).reduce(addCount, emptyCount())]] : [];
    }),
  ) as Partial<Record<UsageRole, TokenCount>>;
}

/** Accumulates the usage of the calls made through it. */
export class UsageMeter {
  readonly usage: Usage = {};

  /** Counts one answer in place (it runs once per model call, so it allocates nothing after the first). */
  record(role: UsageRole, model: string, result: Pick<ChatResult, 'usage' | 'cached'>): void {
    const models = (this.usage[role] ??= {});
    const count = (models[model] ??= emptyCount());
    if (result.cached) count.cached = (count.cached ?? 0) + 1;
    else {
      count.calls += 1;
      if (result.usage) {
        count.promptTokens += result.usage.promptTokens;
        count.completionTokens += result.usage.completionTokens;
      } else count.unreported = (count.unreported ?? 0) + 1;
    }
  }

  /** Whether any call was recorded. */
  get empty(): boolean {
    return Object.keys(this.usage).length === 0;
  }
}

/**
 * Counts every answer that passes through, under the call's `role` (a call
 * that names none is the bot's). Wraps the model a conversation uses, so its
 * record carries what it cost.
 */
export function withUsageMeter(model: ChatModel, meter: UsageMeter): ChatModel {
  return {
    endpoint: model.endpoint,
    async complete(request: ChatRequest, options?: ChatCallOptions): Promise<ChatResult> {
      const result = await model.complete(request, options);
      meter.record(options?.role ?? 'bot', request.model, result);
      return result;
    },
  };
}
