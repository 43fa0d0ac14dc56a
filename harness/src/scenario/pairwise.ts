/** A factor of a test matrix: a name and its levels. */
export interface Factor {
  name: string;
  levels: readonly string[];
}

/** A matrix cell: one level per factor, by factor name. */
export type Cell = Record<string, string>;

/** Whether a (partial) assignment of levels can be part of a valid cell. */
export type Allowed = (partial: Cell) => boolean;

/**
 * Every valid combination of levels (the full product), in a stable order:
 * the first factor varies slowest.
 */
export function fullProduct(factors: readonly Factor[], allowed: Allowed): Cell[] {
  let cells: Cell[] = [{}];
  for (const factor of factors) {
    cells = cells.flatMap((cell) => factor.levels.map((level) => ({ ...cell, [factor.name]: level }))).filter(allowed);
  }
  return cells;
}

/**
 * A covering array of strength 2: every allowed pair of levels of any two
 * factors appears in some cell, with far fewer cells than the product. Greedy
 * (in the manner of AETG): each new cell starts from the first uncovered pair
 * and takes, factor by factor, the level that covers the most uncovered pairs.
 * Deterministic: ties go to the earlier level, so the same matrix always
 * gives the same cells.
 */
export function pairwise(factors: readonly Factor[], allowed: Allowed): Cell[] {
  const uncovered = allowedPairs(factors, allowed);
  const cells: Cell[] = [];
  while (uncovered.size > 0) {
    const seed = parsePair(uncovered.values().next().value!);
    const cell = completeCell(factors, { [seed.a]: seed.x, [seed.b]: seed.y }, uncovered, allowed);
    if (!cell) {
      uncovered.delete(pairKey(seed.a, seed.x, seed.b, seed.y));
      continue;
    }
    for (const key of pairsOf(factors, cell)) uncovered.delete(key);
    cells.push(cell);
  }
  return cells;
}

function allowedPairs(factors: readonly Factor[], allowed: Allowed): Set<string> {
  const pairs = new Set<string>();
  factors.forEach((f, i) => {
    for (const g of factors.slice(i + 1)) {
      for (const x of f.levels) for (const y of g.levels) if (allowed({ [f.name]: x, [g.name]: y })) pairs.add(pairKey(f.name, x, g.name, y));
    }
  });
  return pairs;
}

/** Fills the other factors greedily; undefined when no allowed cell contains the start. */
function completeCell(factors: readonly Factor[], start: Cell, uncovered: ReadonlySet<string>, allowed: Allowed): Cell | undefined {
  const cell: Cell = { ...start };
  for (const factor of factors) {
    if (factor.name in cell) continue;
    let best: { level: string; gain: number } | undefined;
    for (const level of factor.levels) {
      const candidate = { ...cell, [factor.name]: level };
      if (!allowed(candidate)) continue;
      const gain = Object.entries(cell).filter(([name, value]) => uncovered.has(orderedKey(factors, factor.name, level, name, value))).length;
      if (!best || gain > best.gain) best = { level, gain };
    }
    if (!best) return undefined;
    cell[factor.name] = best.level;
  }
  return cell;
}

function pairsOf(factors: readonly Factor[], cell: Cell): string[] {
  const keys: string[] = [];
  factors.forEach((f, i) => {
    for (const g of factors.slice(i + 1)) keys.push(pairKey(f.name, cell[f.name]!, g.name, cell[g.name]!));
  });
  return keys;
}

/** The key of a pair with its factors in matrix order. */
function orderedKey(factors: readonly Factor[], a: string, x: string, b: string, y: string): string {
  const ia = factors.findIndex((f) => f.name === a);
  const ib = factors.findIndex((f) => f.name === b);
  return ia < ib ? pairKey(a, x, b, y) : pairKey(b, y, a, x);
}

const SEP = '\u0000';
function pairKey(a: string, x: string, b: string, y: string): string {
  return [a, x, b, y].join(SEP);
}

function parsePair(key: string): { a: string; x: string; b: string; y: string } {
  const [a, x, b, y] = key.split(SEP) as [string, string, string, string];
  return { a, x, b, y };
}
