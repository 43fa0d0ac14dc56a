import { resolve } from 'node:path';
import type { Command } from 'commander';
import { displayPath } from '../../bot/load.js';
import { loadSuite } from '../../scenario/load.js';
import { writeLine, type CliIO } from '../io.js';

export function registerValidate(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('validate')
    .description('check scenario and bot files without running anything')
    .argument('[scenarios...]', 'scenario files or folders', ['scenarios'])
    .option('--bots <dir>', 'folder of bot definitions', 'bots')
    .action(async (scenarios: string[], flags: { bots: string }) => {
      const suite = await loadSuite({ paths: scenarios.map((s) => resolve(io.cwd, s)), botsDir: resolve(io.cwd, flags.bots), display: displayPath(io.cwd), env: io.env });
      // A prompt bot by its name; another kind says what it is.
      const bots = [...suite.bots.values()].map((b) => (b.kind === 'prompt' ? b.name : `${b.name}: ${b.kind}`)).join(', ');
      writeLine(io.stdout, `ok: ${suite.scenarios.length} scenario${suite.scenarios.length === 1 ? '' : 's'}, ${suite.bots.size} bot${suite.bots.size === 1 ? '' : 's'} (${bots})`);
      setExit(0);
    });
}
