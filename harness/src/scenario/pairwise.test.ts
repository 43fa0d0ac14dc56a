import { describe, expect, it } from 'vitest';
import { fullProduct, pairwise, type Cell, type Factor } from './pairwise.js';

const factors: Factor[] = [
  { name: 'a', levels: ['1', '2', '3'] },
  { name: 'b', levels: ['x', 'y'] },
  { name: 'c', levels: ['p', 'q', 'r'] },
  { name: 'd', levels: ['on', 'off'] },
  { name: 'e', levels: ['m', 'n'] },
];

function missingPairs(cells: Cell[], allowed: (c: Cell) => boolean): string[] {
  const missing: string[] = [];
  factors.forEach((f, i) => {
    for (const g of factors.slice(i + 1)) {
      for (const x of f.levels) for (const y of g.levels) {
        if (!allowed({ [f.name]: x, [g.name]: y })) continue;
        if (!cells.some((c) => c[f.name] === x && c[g.name] === y)) missing.push(`${f.name}=${x} ${g.name}=${y}`);
      }
    }
  });
  return missing;
}

describe('pairwise covering array', () => {
  it('covers every pair of levels with far fewer cells than the product, the same cells every time', () => {
    const all = () => true;
    const cells = pairwise(factors, all);
    expect(missingPairs(cells, all)).toEqual([]);
    expect(cells.length).toBeLessThanOrEqual(12);
    expect(cells.length).toBeGreaterThanOrEqual(9);
    expect(fullProduct(factors, all)).toHaveLength(72);
    expect(pairwise(factors, all)).toEqual(cells);
  });

  it('never makes a cell the constraint forbids, and still covers every allowed pair', () => {
    // c=r only with d=off; a=3 never with b=y.
    const allowed = (c: Cell) => !(c.c === 'r' && c.d === 'on') && !(c.a === '3' && c.b === 'y');
    const cells = pairwise(factors, allowed);
    expect(cells.every(allowed)).toBe(true);
    expect(missingPairs(cells, allowed)).toEqual([]);
    expect(fullProduct(factors, allowed).every(allowed)).toBe(true);
    expect(fullProduct(factors, allowed).length).toBe(72 - 12 - 12 + 2);
  });
});
