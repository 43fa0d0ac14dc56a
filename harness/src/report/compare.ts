import { SlotcheckError } from '../core/errors.js';
import { loadTemplate } from '../core/template.js';
import { diffExitCode, diffSnapshots, itemsWith, type FailOn, type RunDiff } from './diff.js';
import { loadRunFolder, type LoadedRun } from './run-folder.js';

/** The outcome of comparing two run folders. */
export interface Comparison {
  base: LoadedRun['meta'];
  head: LoadedRun['meta'];
  diff: RunDiff;
  failOn: FailOn;
  exitCode: number;
}

/** `slotcheck compare BASE HEAD`: what HEAD broke, fixed, and still fails, relative to BASE. */
export async function compareRuns(baseDir: string, headDir: string, failOn: FailOn, display?: (path: string) => string): Promise<Comparison> {
  const base = await loadRunFolder(baseDir, display);
  const head = await loadRunFolder(headDir, display);
  return compareLoaded(base, head, failOn);
}

const KIND_NAMES = { run: 'a simulated run', analyze: 'an analysis of recorded conversations' } as const;

/** Compares two loaded runs; they must be of the same kind (both simulated, or both analysed). */
export function compareLoaded(base: LoadedRun, head: LoadedRun, failOn: FailOn): Comparison {
  if (base.meta.kind !== head.meta.kind) {
    throw new SlotcheckError('RUN_INVALID', `cannot compare ${KIND_NAMES[base.meta.kind]} (${base.meta.runId}) with ${KIND_NAMES[head.meta.kind]} (${head.meta.runId}): scenarios and recorded conversations are keyed differently`);
  }
  const diff = diffSnapshots(base.snapshot, head.snapshot);
  return { base: base.meta, head: head.meta, diff, failOn, exitCode: diffExitCode(diff, failOn) };
}

/** The comparison as Markdown (stdout, a PR comment, baseline.md). */
export async function renderComparison(comparison: Comparison): Promise<string> {
  const template = await loadTemplate('compare.md.hbs', { noEscape: true });
  const { diff } = comparison;
  const section = (status: Parameters<typeof itemsWith>[1]) => itemsWith(diff, status);
  return template({
    ...comparison,
    keyName: diff.kind === 'run' ? 'scenario' : 'conversation',
    added: section('new'),
    fixed: section('fixed'),
    still: section('still-failing'),
    flaky: section('flaky'),
    verdict: verdictOf(comparison),
  });
}

function verdictOf({ exitCode, failOn, diff }: Comparison): string {
  if (exitCode === 1) return failOn === 'new' ? 'FAIL: new failures' : 'FAIL: HEAD has failures';
  if (exitCode === 3) return `NOT SURE: ${diff.headErrors} HEAD conversation(s) errored and were not judged`;
  return 'PASS';
}
