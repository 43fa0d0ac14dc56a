import type { FailureClass } from '../detect/failure.js';
import type { Guide, Principle, PrincipleText, Provenance, SeedProvenance, TransferProvenance, VerifiedFixProvenance } from './schema.js';
import { SEED_PRINCIPLES } from '../refine/seeds.js';

/** The judge's verdict on a new principle, already checked against the guide's ids. */
export type MergeVerdict =
  | { verdict: 'new' }
  | { verdict: 'same'; principleId: string }
  | { verdict: 'refines'; principleId: string; merged: Omit<PrincipleText, 'category'> };

/** What a merge did to the guide. */
export interface GuideMergeResult {
  guide: Guide;
  principleId: string;
  /** `already-recorded`: this run's entry was there, nothing changed. */
  action: 'new' | 'same' | 'refines' | 'created-seed' | 'added-evidence' | 'already-recorded';
  /** Seed principles replaced by the verified one. */
  upgradedSeeds: string[];
}

/** The (run, bot, class) an entry comes from: refine records each once. */
export function provenanceKey(runId: string, bot: string | undefined, cls: FailureClass): string {
  return `${runId}/${bot ?? '-'}/${cls}`;
}

/** The principle holding an entry with this key (and kind, when given). */
export function findProvenance(guide: Guide, key: string, kind?: Provenance['kind']): Principle | undefined {
  return guide.principles.find((p) => p.provenance.some((e) => e.key === key && (!kind || e.kind === kind)));
}

/** A verified principle, generalised from a fix, merged as the judge said; seeds of its class are folded into it. */
export function mergeVerified(guide: Guide, candidate: PrincipleText, entry: VerifiedFixProvenance, verdict: MergeVerdict): GuideMergeResult {
  const recorded = guide.principles.find((p) => p.status === 'verified' && p.provenance.some((e) => e.key === entry.key && e.kind === 'verified-fix'));
  if (recorded) return { guide, principleId: recorded.id, action: 'already-recorded', upgradedSeeds: [] };
  let principles = [...guide.principles];
  let target: Principle;
  if (verdict.verdict === 'new') {
    target = { id: uniqueId(principles, candidate.title), status: 'verified', ...candidate, failureClasses: [entry.failureClass], provenance: [] };
    principles.push(target);
  } else {
    const existing = principles.find((p) => p.id === verdict.principleId)!;
    target = verdict.verdict === 'refines' ? { ...existing, ...verdict.merged } : existing;
  }
  const seeds = principles.filter((p) => p.status === 'unverified-seed' && p.failureClasses.includes(entry.failureClass));
  for (const seed of seeds) target = seed.provenance.reduce(withProvenance, target);
  target = withProvenance({ ...target, status: 'verified' }, entry);
  principles = principles.filter((p) => !seeds.includes(p)).map((p) => (p.id === target.id ? target : p));
  return { guide: { ...guide, principles }, principleId: target.id, action: verdict.verdict, upgradedSeeds: seeds.map((s) => s.id) };
}

/**
 * Evidence without a verified fix (offline, or every attempt failed): added to
 * a principle that already covers the class, else to the class's seed, else a
 * new seed from the built-in starting principle.
 */
export function recordSeed(guide: Guide, entry: SeedProvenance): GuideMergeResult {
  const recorded = findProvenance(guide, entry.key);
  if (recorded) return { guide, principleId: recorded.id, action: 'already-recorded', upgradedSeeds: [] };
  const covering = guide.principles.find((p) => p.status === 'verified' && p.failureClasses.includes(entry.failureClass));
  return addEvidence(guide, entry, covering);
}

/** A verified fix no principle could be extracted from: kept on the class's seed, so nothing is lost and a later refine can upgrade it. */
export function recordUngeneralisedFix(guide: Guide, entry: VerifiedFixProvenance): GuideMergeResult {
  const recorded = findProvenance(guide, entry.key, 'verified-fix');
  if (recorded) return { guide, principleId: recorded.id, action: 'already-recorded', upgradedSeeds: [] };
  return addEvidence(guide, entry, undefined);
}

/** A transfer check's result joins the principle's provenance; a check of the same bot and prompt version replaces the earlier one. */
export function recordTransfer(guide: Guide, principleId: string, entry: TransferProvenance): Guide {
  return { ...guide, principles: guide.principles.map((p) => (p.id === principleId ? withProvenance(p, entry) : p)) };
}

/** The key of a transfer check: the bot and the version of its prompt the principle was applied to. */
export function transferKey(bot: string, promptHash: string): string {
  return `transfer/${bot}/${promptHash}`;
}

/** Adds the entry to `preferred`, else to the class's seed, else to a new seed. */
function addEvidence(guide: Guide, entry: Provenance, preferred: Principle | undefined): GuideMergeResult {
  const target = preferred ?? guide.principles.find((p) => p.status === 'unverified-seed' && p.failureClasses.includes(entry.failureClass));
  if (target) {
    const updated = withProvenance(target, entry);
    return { guide: { ...guide, principles: guide.principles.map((p) => (p.id === target.id ? updated : p)) }, principleId: target.id, action: 'added-evidence', upgradedSeeds: [] };
  }
  const text = SEED_PRINCIPLES[entry.failureClass];
  const seed: Principle = { id: uniqueId(guide.principles, text.title), status: 'unverified-seed', ...text, failureClasses: [entry.failureClass], provenance: [entry] };
  return { guide: { ...guide, principles: [...guide.principles, seed] }, principleId: seed.id, action: 'created-seed', upgradedSeeds: [] };
}

/** Adds an entry, replacing one with the same key and kind; the principle's classes follow its provenance. */
function withProvenance(principle: Principle, entry: Provenance): Principle {
  const provenance = [...principle.provenance.filter((e) => !(e.key === entry.key && e.kind === entry.kind)), entry];
  const failureClasses = [...new Set([...principle.failureClasses, ...provenance.map((e) => e.failureClass)])];
  return { ...principle, provenance, failureClasses };
}

/** A slug of the title, unique in the guide: the principle's id and Markdown anchor. */
export function uniqueId(principles: readonly Principle[], title: string): string {
  const slug = title.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  // Long titles are cut at a word boundary, so the anchor stays readable.
  const base = (slug.length > 80 ? slug.slice(0, slug.lastIndexOf('-', 80)) : slug) || 'principle';
  const taken = new Set(principles.map((p) => p.id));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n += 1;
  return `${base}-${n}`;
}
