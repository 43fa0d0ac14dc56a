import { SlotcheckError } from '../core/errors.js';
import { orderPrinciples } from './order.js';
import type { Guide, Principle } from './schema.js';

/**
 * The principles a command works on: those named (any status, in the guide's reading order),
 * else every verified one. A guide of seeds only must be named explicitly: a principle is only as
 * good as the fix that verified it.
 */
export function selectPrinciples(guide: Guide, ids: readonly string[] | undefined, guideFile: string): Principle[] {
  if (ids && ids.length > 0) {
    const unknown = ids.filter((id) => !guide.principles.some((p) => p.id === id));
    if (unknown.length > 0) throw new SlotcheckError('UNKNOWN_ID', `${guideFile} has no principle ${unknown.join(', ')} (known: ${guide.principles.map((p) => p.id).join(', ') || 'none'})`);
    return orderPrinciples(guide.principles.filter((p) => ids.includes(p.id)));
  }
  const verified = orderPrinciples(guide.principles.filter((p) => p.status === 'verified'));
  if (verified.length > 0) return verified;
  if (guide.principles.length === 0) throw new SlotcheckError('USAGE', `${guideFile} has no principles yet: run \`slotcheck refine\` first`);
  throw new SlotcheckError('USAGE', `${guideFile} has no verified principle yet (only unverified seeds): run \`slotcheck refine\` with a model, or name seeds with --principles ${guide.principles.map((p) => p.id).join(',')}`);
}
