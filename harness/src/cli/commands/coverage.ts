import { resolve } from 'node:path';
import type { Command } from 'commander';
import { displayPath } from '../../bot/load.js';
import { coverageMarkdown } from '../../coverage/index.js';
import { coverageOf } from '../../pipeline/coverage.js';
import type { CliIO } from '../io.js';

interface CoverageFlags {
  bots: string;
  run?: string;
  json?: boolean;
}

export function registerCoverage(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('coverage')
    .description('what a suite exercises per bot: how each slot is given and changed, policies, endings, tool outcomes, and which failure classes any scenario can trigger (and why not)')
    .argument('[scenarios...]', 'scenario files or folders', ['scenarios'])
    .option('--bots <dir>', 'folder of bot definitions', 'bots')
    .option('--run <dir>', 'a run folder of these scenarios: also what happened in it')
    .option('--json', 'print the coverage as JSON')
    .action(async (scenarios: string[], flags: CoverageFlags) => {
      const coverage = await coverageOf({
        scenarioPaths: scenarios.map((s) => resolve(io.cwd, s)),
        botsDir: resolve(io.cwd, flags.bots),
        ...(flags.run ? { runDir: resolve(io.cwd, flags.run) } : {}),
        display: displayPath(io.cwd),
        env: io.env,
      });
      io.stdout.write(flags.json ? `${JSON.stringify(coverage, null, 2)}\n` : `## Coverage\n\n${await coverageMarkdown(coverage)}`);
      setExit(0);
    });
}
