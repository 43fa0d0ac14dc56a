import * as z from 'zod';
import type { ChatModel } from '../model/chat-model.js';
import { askStructured, type MetaPrompts } from '../refine/meta-prompts.js';
import { findNearDuplicates, type NearDuplicate } from './near-duplicates.js';
import { orderPrinciples } from './order.js';
import type { Guide } from './schema.js';

/** Two principles a prompt cannot follow at once, as the judge meta-prompt found them. */
export interface Contradiction {
  principleIds: [string, string];
  titles: [string, string];
  explanation: string;
}

/** Across a guide: contradictions (judged by a model), near-duplicates left unmerged, and principles no fix has verified. */
export interface GuideHealth {
  principles: number;
  /** Undefined when not judged: offline (see `metaPrompt`), or fewer than two principles. */
  contradictions?: Contradiction[];
  /** Offline: the judge meta-prompt that would be sent. */
  metaPrompt?: string;
  /** Why contradictions were not judged although a model was given (unreachable, or its answer unusable twice). */
  problem?: string;
  nearDuplicates: NearDuplicate[];
  unverified: Array<{ principleId: string; title: string; why: string }>;
}

/** Principles without a verified fix behind them: seeds, and any marked verified whose provenance holds no verified fix. */
export function unverifiedPrinciples(guide: Guide): GuideHealth['unverified'] {
  return guide.principles.flatMap((p) => {
    if (p.status === 'unverified-seed') return [{ principleId: p.id, title: p.title, why: 'unverified seed: no fix has verified it yet' }];
    if (!p.provenance.some((e) => e.kind === 'verified-fix')) return [{ principleId: p.id, title: p.title, why: 'marked verified, but its provenance holds no verified fix' }];
    return [];
  });
}

/** The judge's answer: pairs of two distinct ids of the guide. */
function contradictionsSchema(ids: [string, ...string[]]) {
  return z.object({
    contradictions: z.array(
      z.object({ principleIds: z.tuple([z.enum(ids), z.enum(ids)]).refine(([a, b]) => a !== b, 'two different principles'), explanation: z.string().min(1) }),
    ),
  });
}

/** The contradiction meta-prompt, exactly as sent. */
export function renderHealthPrompt(prompts: MetaPrompts, guide: Guide): string {
  const principles = orderPrinciples(guide.principles).map(({ id, title, statement, howToApply, antiPattern, failureClasses }) => ({ id, title, statement, howToApply, antiPattern, failureClasses }));
  return prompts.health({ guide, principles });
}

/**
 * The guide's health. Near-duplicates and unverified principles are read from the guide; with a
 * model, a judge meta-prompt finds contradictions (answer validated with zod, one retry); without
 * one, the meta-prompt it would send is returned instead.
 */
export async function checkGuideHealth(guide: Guide, prompts: MetaPrompts, env?: { model: ChatModel; metaModelName: string; secrets: readonly string[]; signal?: AbortSignal }): Promise<GuideHealth> {
  const base = { principles: guide.principles.length, nearDuplicates: findNearDuplicates(guide.principles), unverified: unverifiedPrinciples(guide) };
  if (guide.principles.length < 2) return { ...base, contradictions: [] };
  const prompt = renderHealthPrompt(prompts, guide);
  if (!env) return { ...base, metaPrompt: prompt };
  const ids = guide.principles.map((p) => p.id) as [string, ...string[]];
  const answer = await askStructured(env.model, { modelName: env.metaModelName, prompt, schema: contradictionsSchema(ids), secrets: env.secrets, ...(env.signal ? { signal: env.signal } : {}) });
  if (!answer.ok) return { ...base, problem: `${answer.outcome}: ${answer.problem}` };
  const title = (id: string) => guide.principles.find((p) => p.id === id)!.title;
  const seen = new Set<string>();
  const contradictions = answer.value.contradictions.flatMap(({ principleIds: [a, b], explanation }) => {
    const key = [a, b].sort().join(' ');
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ principleIds: [a, b] as [string, string], titles: [title(a), title(b)] as [string, string], explanation }];
  });
  return { ...base, contradictions };
}
