import type { Principle, PrincipleCategory } from './schema.js';
import { latestTransfers } from './transfer-summary.js';

/** How the method's guides read: structural decisions first, then local refinements, then diagnostic practice. */
export const CATEGORY_ORDER: readonly PrincipleCategory[] = ['structural', 'localized', 'diagnostic'];

/**
 * The reading order of a guide: by category (structural → localized → diagnostic); within one,
 * verified before unverified seeds, then the principles that transferred to more bots, then those
 * verified by more fixes; otherwise as they were added. Harmful transfers count against.
 */
export function orderPrinciples<P extends Pick<Principle, 'category' | 'status' | 'provenance'>>(principles: readonly P[]): P[] {
  const keyed = principles.map((p, index) => ({ p, index, key: sortKey(p) }));
  keyed.sort((a, b) => compareKeys(a.key, b.key) || a.index - b.index);
  return keyed.map((k) => k.p);
}

function sortKey(p: Pick<Principle, 'category' | 'status' | 'provenance'>): number[] {
  const transfers = latestTransfers(p);
  const reach = transfers.filter((t) => t.status === 'transferred').length - transfers.filter((t) => t.status === 'harmful').length;
  const fixes = p.provenance.filter((e) => e.kind === 'verified-fix').length;
  return [CATEGORY_ORDER.indexOf(p.category), p.status === 'verified' ? 0 : 1, -reach, -fixes];
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}
