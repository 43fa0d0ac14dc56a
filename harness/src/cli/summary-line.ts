import { relative } from 'node:path';
import type { PipelineResult } from '../pipeline/index.js';
import type { CliIO } from './io.js';
import { usageLine } from '../report/usage-view.js';
import { writeLine } from './io.js';

/** The lines a person reads after a run: counts, classes, where the report is. */
export function printResult(io: CliIO, result: PipelineResult): void {
  const { totals, failuresByClass } = result.summary;
  writeLine(io.stdout, `${totals.passed} passed, ${totals.failed} failed, ${totals.errors} errors of ${totals.conversations} conversations`);
  const classes = Object.entries(failuresByClass).map(([cls, n]) => `${cls} ×${n}`);
  if (classes.length > 0) writeLine(io.stdout, `failures: ${classes.join(', ')}`);
  const tokens = usageLine(result.summary);
  if (tokens) writeLine(io.stdout, tokens);
  const dir = relative(io.cwd, result.outDir) || '.';
  writeLine(io.stdout, `report: ${dir}/report.md`);
}

/** After Ctrl-C: what is missing and the command that finishes it. */
export function printInterrupted(io: CliIO, result: Pick<PipelineResult, 'outDir' | 'missing'>, why = 'interrupted'): void {
  const dir = relative(io.cwd, result.outDir) || '.';
  writeLine(io.stderr, `slotcheck: ${why}; ${result.missing} conversation${result.missing === 1 ? '' : 's'} not run yet. Finish them with:`);
  writeLine(io.stderr, `  slotcheck run --resume ${dir}`);
}
