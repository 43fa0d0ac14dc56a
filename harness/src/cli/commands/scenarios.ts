import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { displayPath } from '../../bot/load.js';
import { generateScenarios } from '../../scenario/generate.js';
import { writeLine, type CliIO } from '../io.js';
import { isoDate } from '../options.js';
import { registerFromTranscript } from './from-transcript.js';

interface GenerateFlags {
  bot: string;
  bots: string;
  matrix?: string;
  all?: boolean;
  out?: string;
  today?: string;
}

/** `slotcheck scenarios …`: write scenario files, from a matrix over a bot's task or from a recorded conversation. */
export function registerScenarios(program: Command, io: CliIO, setExit: (code: number) => void): void {
  const scenarios = program.command('scenarios').description('write scenario files: generated from a matrix, or from recorded conversations');
  scenarios
    .command('generate')
    .description('scenario files from a matrix over the bot\'s task (which slots are volunteered, corrections, policies, tool outcomes, slots left out), pairwise unless --all')
    .requiredOption('--bot <name>', 'the bot folder under --bots')
    .option('--bots <dir>', 'folder of bot definitions', 'bots')
    .option('--matrix <file>', 'YAML or JSON narrowing the levels of each factor (see README)')
    .option('--all', 'every combination (the full product) instead of every pair of levels')
    .option('--out <dir>', 'folder to write to (default: scenarios/<bot>/generated)')
    .option('--today <date>', 'the date the scenarios\' dates count from (YYYY-MM-DD; default 2026-11-24, so files do not change from day to day)', isoDate)
    .action(async (flags: GenerateFlags) => {
      const display = displayPath(io.cwd);
      const result = await generateScenarios({
        botsDir: resolve(io.cwd, flags.bots),
        bot: flags.bot,
        outDir: resolve(io.cwd, flags.out ?? join('scenarios', flags.bot, 'generated')),
        ...(flags.matrix ? { matrixFile: resolve(io.cwd, flags.matrix) } : {}),
        ...(flags.all ? { all: true } : {}),
        ...(flags.today ? { today: flags.today } : {}),
        display,
        env: io.env,
      });
      writeLine(io.stdout, `${result.cells} scenarios (${flags.all ? 'every combination' : `every pair of levels; the full product has ${result.product}`}) in ${display(result.outDir)}: ${result.written.length} written, ${result.unchanged.length} unchanged, ${result.removed.length} removed`);
      for (const file of result.written) writeLine(io.stdout, `  + ${file}`);
      for (const file of result.removed) writeLine(io.stdout, `  - ${file}`);
      setExit(0);
    });
  registerFromTranscript(scenarios, io, setExit);
}
