import { resolve } from 'node:path';
import type { Command } from 'commander';
import { displayPath } from '../../bot/load.js';
import { writeLine, type CliIO } from '../io.js';
import { list } from '../options.js';

interface FromTranscriptFlags {
  id?: string[];
  bot?: string;
  bots: string;
  task?: string;
  out?: string;
  force?: boolean;
}

/** `slotcheck scenarios from-transcript FILE`: a failure seen in production becomes a regression scenario. */
export function registerFromTranscript(scenarios: Command, io: CliIO, setExit: (code: number) => void): void {
  scenarios
    .command('from-transcript')
    .description('a scenario per recorded conversation (JSONL or CSV, as analyze reads them) that replays the user\'s goal: values, changes of mind and their timing, how they confirmed and authorised, the action a correct bot ends with')
    .argument('<file>', 'recorded conversations')
    .option('--id <ids>', 'only these conversation ids (comma-separated)', list)
    .option('--bot <name>', 'the bot the scenarios are for (default: the one whose task has the conversation\'s task name)')
    .option('--bots <dir>', 'folder of bot definitions', 'bots')
    .option('--task <file>', 'the task, for conversations that carry none')
    .option('--out <dir>', 'folder to write to (default: scenarios/<bot>/regressions)')
    .option('--force', 'replace scenario files that exist')
    .action(async (file: string, flags: FromTranscriptFlags) => {
      // Loaded here, not at the top: `scenarios generate` registers this command too and needs no tagger or detectors.
      const { regressionScenarios } = await import('../../pipeline/regression-scenarios.js');
      const result = await regressionScenarios({
        file: resolve(io.cwd, file),
        botsDir: resolve(io.cwd, flags.bots),
        projectDir: io.cwd,
        ...(flags.id ? { ids: flags.id } : {}),
        ...(flags.bot ? { bot: flags.bot } : {}),
        ...(flags.task ? { taskFile: resolve(io.cwd, flags.task) } : {}),
        ...(flags.out ? { outDir: resolve(io.cwd, flags.out) } : {}),
        ...(flags.force ? { force: true } : {}),
        display: displayPath(io.cwd),
        env: io.env,
      });
      writeLine(io.stdout, `${result.written.length} scenario${result.written.length === 1 ? '' : 's'} written; check the commented lines, what the conversation did not show:`);
      for (const path of result.written) writeLine(io.stdout, `  + ${path}`);
      setExit(0);
    });
}
