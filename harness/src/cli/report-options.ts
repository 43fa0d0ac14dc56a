import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { SlotcheckError } from '../core/errors.js';
import { assertFolderPath } from '../core/folder-path.js';
import { displayPath } from '../bot/load.js';
import type { PipelineResult } from '../pipeline/index.js';
import { FailOnSchema, type FailOn } from '../report/diff.js';
import type { ReportSettings } from '../report/extras.js';
import { writeLine, type CliIO } from './io.js';

/** Flags shared by `run` and `analyze` for what the run folder is compared with and recorded in. */
export interface ReportFlags {
  reports: string;
  history: boolean;
  guides: string;
  baseline?: string;
  failOn?: FailOn;
  prices?: string;
}

export const failOnOption = () =>
  new Option('--fail-on <when>', 'exit 1 for: new (failures BASE did not have), any (any failure), none').choices(FailOnSchema.options);

export function addReportOptions(command: Command): Command {
  return command
    .option('--no-history', 'do not append to <reports>/history.jsonl nor move <reports>/latest')
    .option('--guides <dir>', 'folder of guides, linked from failure classes', 'guides')
    .option('--baseline <dir>', 'compare with this run folder; the exit code follows --fail-on')
    .addOption(failOnOption())
    .option('--prices <file>', 'price table (YAML or JSON: per model, price per million tokens in and out) to show what the tokens cost');
}

/** The report settings from parsed flags; paths resolve against the working folder. */
export function reportSettings(flags: ReportFlags, io: CliIO): ReportSettings {
  if (flags.failOn && !flags.baseline) throw new SlotcheckError('USAGE', '--fail-on needs --baseline DIR (the run to compare with); without one, any failure exits 1');
  if (flags.history) assertFolderPath(resolve(io.cwd, flags.reports), '--reports', displayPath(io.cwd));
  assertFolderPath(resolve(io.cwd, flags.guides), '--guides', displayPath(io.cwd));
  return {
    ...(flags.history ? { historyDir: resolve(io.cwd, flags.reports) } : {}),
    guidesDir: resolve(io.cwd, flags.guides),
    ...(flags.baseline ? { baselineDir: resolve(io.cwd, flags.baseline), failOn: flags.failOn ?? 'new' } : {}),
    ...(flags.prices ? { pricesFile: resolve(io.cwd, flags.prices) } : {}),
  };
}

/** After the summary lines: the HTML report and, with a baseline, the comparison. */
export function printReportExtras(io: CliIO, result: PipelineResult, display: (path: string) => string): void {
  writeLine(io.stdout, `html: ${display(resolve(result.outDir, 'report.html'))}`);
  if (result.latest?.mode === 'skipped') writeLine(io.stderr, `slotcheck: latest/ not updated: ${result.latest.reason}`);
  const c = result.comparison;
  if (!c) return;
  const count = (status: string) => c.diff.items.filter((i) => i.status === status).length;
  writeLine(io.stdout, `against ${c.base.runId}: ${count('new')} new, ${count('fixed')} fixed, ${count('still-failing')} still failing, ${count('flaky')} flaky (--fail-on ${c.failOn}: exit ${c.exitCode}); see baseline.md`);
}
