import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { displayPath } from '../../bot/load.js';
import { finalizeOptionsFor } from '../../report/extras.js';
import { mergeRuns } from '../../report/merge.js';
import { resolveReporters } from '../../report/registry.js';
import { newRunId } from '../../pipeline/run-setup.js';
import { writeLine, type CliIO } from '../io.js';
import { printResult } from '../summary-line.js';
import { addReportOptions, printReportExtras, reportSettings, type ReportFlags } from '../report-options.js';

interface MergeFlags extends ReportFlags {
  out?: string;
  allowPartial?: boolean;
}

export function registerMerge(program: Command, io: CliIO, setExit: (code: number) => void): void {
  const command = program
    .command('merge')
    .description('combine the run folders of shards (--shard i/n) into one run: summary, failures, reports')
    .argument('<dirs...>', 'run folders of the shards')
    .option('--reports <dir>', 'folder for run folders', 'reports')
    .option('--out <dir>', 'write the merged run here instead of reports/<run-id> (history.jsonl and latest/ stay in --reports)')
    .option('--allow-partial', 'merge even when shards are missing');
  addReportOptions(command).action(async (dirs: string[], flags: MergeFlags) => {
      const clock = io.clock ?? (() => new Date());
      const finalize = await finalizeOptionsFor(reportSettings(flags, io), 'run', displayPath(io.cwd));
      const runId = newRunId(clock());
      const result = await mergeRuns(
        {
          dirs: dirs.map((d) => resolve(io.cwd, d)),
          outDir: resolve(io.cwd, flags.out ?? join(flags.reports, runId)),
          reporters: resolveReporters(),
          runId,
          ...(flags.allowPartial ? { allowPartial: true } : {}),
          finalize,
        },
        { clock, display: displayPath(io.cwd) },
      );
      printResult(io, result);
      printReportExtras(io, result, displayPath(io.cwd));
      if (result.missing > 0) writeLine(io.stderr, `slotcheck: the merged run lacks about ${result.missing} conversations (shards missing)`);
      setExit(result.summary.exitCode);
    });
}
