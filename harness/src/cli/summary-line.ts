import { join } from 'node:path';
import { displayPath } from '../bot/load.js';
import type { PipelineResult } from '../pipeline/index.js';
import type { CliIO } from './io.js';
import { usageLine } from '../report/usage-view.js';
import { writeLine } from './io.js';

/** The lines a person reads after a run: counts, classes, why conversations errored, where the report is. */
export function printResult(io: CliIO, result: PipelineResult): void {
  const { totals, failuresByClass, errorsByCode } = result.summary;
  writeLine(io.stdout, `${totals.passed} passed, ${totals.failed} failed, ${totals.errors} errors of ${totals.conversations} conversations`);
  const classes = Object.entries(failuresByClass).map(([cls, n]) => `${cls} ×${n}`);
  if (classes.length > 0) writeLine(io.stdout, `failures: ${classes.join(', ')}`);
  // One line per error code, with one message: "1 errors" alone hides a wrong model name or a dead endpoint.
  for (const [code, e] of Object.entries(errorsByCode ?? {})) writeLine(io.stdout, `error ${code} ×${e.count}${e.blame ? ` (${e.blame})` : ''}: ${firstLine(e.message)}`);
  if (totals.conversations > 0 && totals.passed + totals.failed === 0) writeLine(io.stdout, 'nothing was judged: no conversation completed, so there is no pass rate (the errors above say why)');
  const tokens = usageLine(result.summary);
  if (tokens) writeLine(io.stdout, tokens);
  writeLine(io.stdout, `report: ${displayPath(io.cwd)(join(result.outDir, 'report.md'))}`);
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

/** After Ctrl-C: what is missing and the command that finishes it. */
export function printInterrupted(io: CliIO, result: Pick<PipelineResult, 'outDir' | 'missing'>, why = 'interrupted'): void {
  const dir = displayPath(io.cwd)(result.outDir);
  writeLine(io.stderr, `slotcheck: ${why}; ${result.missing} conversation${result.missing === 1 ? '' : 's'} not run yet. Finish them with:`);
  writeLine(io.stderr, `  slotcheck run --resume ${dir}`);
}
