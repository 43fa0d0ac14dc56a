import * as z from 'zod';
import { FailureClassSchema, type FailureClass } from '../detect/failure.js';
import type { KeyOutcome, RunSnapshot } from './snapshot.js';

/**
 * How a key × class changed between BASE and HEAD, counting judged trials
 * (errored trials are left out):
 * - `new`: failed in no BASE trial (or BASE did not have the key), in at least one HEAD trial;
 * - `fixed`: failed in at least one BASE trial, in none of HEAD's (HEAD judged at least one);
 * - `still-failing`: failed in every judged trial of both runs;
 * - `flaky`: failed in at least one trial of both runs, and passed some trial of at least one.
 */
export const DiffStatusSchema = z.enum(['new', 'fixed', 'still-failing', 'flaky']);
export type DiffStatus = z.infer<typeof DiffStatusSchema>;

const TrialCountSchema = z.object({ failed: z.number().int().nonnegative(), judged: z.number().int().nonnegative() });

export const DiffItemSchema = z.object({
  /** Scenario id (`run`) or conversation id (`analyze`). */
  key: z.string(),
  class: FailureClassSchema,
  status: DiffStatusSchema,
  /** Absent when BASE did not have the key. */
  base: TrialCountSchema.optional(),
  head: TrialCountSchema,
});
export type DiffItem = z.infer<typeof DiffItemSchema>;

/** baseline.json: the regression diff of a run against a baseline run. */
export const RunDiffSchema = z.object({
  schemaVersion: z.literal(1),
  kind: z.enum(['run', 'analyze']),
  items: z.array(DiffItemSchema),
  /** Failures of BASE that HEAD could not judge (key missing, or every HEAD trial errored): neither fixed nor still failing. */
  notJudged: z.array(z.object({ key: z.string(), class: FailureClassSchema, base: TrialCountSchema })),
  /** HEAD conversations that errored. */
  headErrors: z.number().int().nonnegative(),
});
export type RunDiff = z.infer<typeof RunDiffSchema>;

/** Compares two snapshots of the same kind; items sorted by status, key, class. */
export function diffSnapshots(base: RunSnapshot, head: RunSnapshot): RunDiff {
  const items: DiffItem[] = [];
  const notJudged: RunDiff['notJudged'] = [];
  const keys = new Set([...Object.keys(base.keys), ...Object.keys(head.keys)]);
  for (const key of keys) {
    const b = base.keys[key];
    const h = head.keys[key];
    for (const cls of classesOf(b, h)) {
      const bCount = b ? { failed: b.failed[cls] ?? 0, judged: b.judged } : undefined;
      const hCount = h ? { failed: h.failed[cls] ?? 0, judged: h.judged } : undefined;
      if (!hCount || hCount.judged === 0) {
        if (bCount && bCount.failed > 0) notJudged.push({ key, class: cls, base: bCount });
        continue;
      }
      const status = statusOf(bCount, hCount);
      if (status) items.push({ key, class: cls, status, ...(bCount ? { base: bCount } : {}), head: hCount });
    }
  }
  const headErrors = Object.values(head.keys).reduce((n, k) => n + k.errors, 0);
  return { schemaVersion: 1, kind: head.kind, items: items.sort(byStatusKeyClass), notJudged: notJudged.sort(byStatusKeyClass), headErrors };
}

function classesOf(...outcomes: Array<KeyOutcome | undefined>): FailureClass[] {
  const classes = new Set<FailureClass>();
  for (const outcome of outcomes) for (const cls of Object.keys(outcome?.failed ?? {})) classes.add(cls as FailureClass);
  return [...classes];
}

function statusOf(base: { failed: number; judged: number } | undefined, head: { failed: number; judged: number }): DiffStatus | undefined {
  const baseFailed = (base?.failed ?? 0) > 0;
  const headFailed = head.failed > 0;
  if (!baseFailed) return headFailed ? 'new' : undefined;
  if (!headFailed) return 'fixed';
  const always = base!.failed === base!.judged && head.failed === head.judged;
  return always ? 'still-failing' : 'flaky';
}

const ORDER: Record<DiffStatus, number> = { new: 0, fixed: 1, 'still-failing': 2, flaky: 3 };

function byStatusKeyClass(a: { key: string; class: string; status?: DiffStatus }, b: { key: string; class: string; status?: DiffStatus }): number {
  return (a.status ? ORDER[a.status] : 0) - (b.status ? ORDER[b.status] : 0) || a.key.localeCompare(b.key) || a.class.localeCompare(b.class);
}

/** `new`: fail CI only for what HEAD broke; `any`: for any failure in HEAD; `none`: report only. */
export const FailOnSchema = z.enum(['new', 'any', 'none']);
export type FailOn = z.infer<typeof FailOnSchema>;

/** Items of one status. */
export function itemsWith(diff: RunDiff, status: DiffStatus): DiffItem[] {
  return diff.items.filter((item) => item.status === status);
}

/**
 * 1 when the diff fails by `failOn`; else 3 when some HEAD conversations
 * errored (they may hide a regression); else 0.
 */
export function diffExitCode(diff: RunDiff, failOn: FailOn): number {
  const failing = failOn === 'new' ? itemsWith(diff, 'new') : failOn === 'any' ? diff.items.filter((i) => i.status !== 'fixed') : [];
  if (failing.length > 0) return 1;
  return diff.headErrors > 0 ? 3 : 0;
}
