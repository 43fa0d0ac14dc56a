import { resolve } from 'node:path';
import type { Command } from 'commander';
import { displayPath } from '../../bot/load.js';
import { compareRuns, renderComparison } from '../../report/compare.js';
import type { FailOn } from '../../report/diff.js';
import type { CliIO } from '../io.js';
import { failOnOption } from '../report-options.js';

interface CompareFlags {
  failOn: FailOn;
  json?: boolean;
}

export function registerCompare(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('compare')
    .description('compare two run folders: new failures, fixed, still failing, flaky (keyed by scenario × class, or conversation × class for analyze)')
    .argument('<base>', 'the run folder to compare with (e.g. the main branch\'s)')
    .argument('<head>', 'the run folder to judge (e.g. the pull request\'s)')
    .addOption(failOnOption().default('new'))
    .option('--json', 'print the diff as JSON instead of Markdown')
    .action(async (base: string, head: string, flags: CompareFlags) => {
      const comparison = await compareRuns(resolve(io.cwd, base), resolve(io.cwd, head), flags.failOn, displayPath(io.cwd));
      io.stdout.write(flags.json ? `${JSON.stringify({ base: comparison.base.runId, head: comparison.head.runId, failOn: comparison.failOn, exitCode: comparison.exitCode, ...comparison.diff }, null, 2)}\n` : await renderComparison(comparison));
      setExit(comparison.exitCode);
    });
}
