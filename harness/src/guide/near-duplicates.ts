import { words } from '../annotate/text.js';
import type { Principle } from './schema.js';

/** Words that say nothing about what a principle is about. */
const FILLER = new Set(
  'a an the of for to in on at by with and or is are be it its this that these those as so then than when once every each any all only never not no do does did has have had was were been can could should would will must may might before after from into than what which who how why where while until unless user users bot bots prompt prompts slot slots value values detail details'.split(' '),
);

/** The content stems of a principle's title and statement. */
function stemsOf(p: Pick<Principle, 'title' | 'statement'>): Set<string> {
  return new Set(words(`${p.title} ${p.statement}`).filter((w) => w.text.length > 2 && !FILLER.has(w.text)).map((w) => w.stem));
}

/** Jaccard similarity of two sets (0 when both are empty). */
function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const shared = [...a].filter((x) => b.has(x)).length;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

/** A pair of principles that read alike: probably one rule the same/refines/new judge failed to merge. */
export interface NearDuplicate {
  principleIds: [string, string];
  titles: [string, string];
  /** Share of content words in common (Jaccard over stems of title and statement), 0 to 1. */
  similarity: number;
  sharedClasses: string[];
}

/**
 * Pairs whose title and statement share most of their content words: at least `threshold`, or
 * two thirds of it when they prevent a failure class in common. Word overlap, not meaning: it
 * finds restatements the judge let through, not every pair that means the same.
 */
export function findNearDuplicates(principles: readonly Principle[], threshold = 0.45): NearDuplicate[] {
  const stems = principles.map(stemsOf);
  const found: NearDuplicate[] = [];
  for (let i = 0; i < principles.length; i += 1) {
    for (let j = i + 1; j < principles.length; j += 1) {
      const [a, b] = [principles[i]!, principles[j]!];
      const sharedClasses = a.failureClasses.filter((c) => b.failureClasses.includes(c));
      const similarity = jaccard(stems[i]!, stems[j]!);
      if (similarity >= (sharedClasses.length > 0 ? (threshold * 2) / 3 : threshold)) {
        found.push({ principleIds: [a.id, b.id], titles: [a.title, b.title], similarity: Math.round(similarity * 100) / 100, sharedClasses });
      }
    }
  }
  return found.sort((x, y) => y.similarity - x.similarity);
}
