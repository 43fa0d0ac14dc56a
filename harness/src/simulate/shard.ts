import { SlotcheckError } from '../core/errors.js';

/** Shard `index` of `count`, 1-based, as in `--shard 2/4`. */
export interface Shard {
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new SlotcheckError('USAGE', `--shard "${text}": expected i/n with 1 ≤ i ≤ n, e.g. --shard 2/4`);
  }
  return { index, count };
}

/**
 * The jobs of one shard: every `count`-th job of the stable plan order
 * (scenario × trial), starting at `index`. Deterministic on every machine,
 * and each scenario's trials spread over the shards.
 */
export function inShard<T>(jobs: readonly T[], shard: Shard | undefined): T[] {
  if (!shard || shard.count === 1) return [...jobs];
  return jobs.filter((_, position) => position % shard.count === shard.index - 1);
}
