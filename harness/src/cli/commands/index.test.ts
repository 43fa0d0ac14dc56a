import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMANDS, commandsFor } from './index.js';

const io = { env: {}, cwd: '/', stdout: process.stdout, stderr: process.stderr };
const namesAfter = async (argv: string[]) => {
  const program = new Command('slotcheck');
  for (const register of await commandsFor(argv)) register(program, io, () => undefined);
  return program.commands.map((c) => c.name());
};

describe('commands loaded on demand', () => {
  it('registers only the command invoked', async () => {
    expect(await namesAfter(['analyze', 'x.jsonl'])).toEqual(['analyze']);
  });

  it('registers every command for help or an unknown command, so both still work', async () => {
    const all = ['run', 'analyze', 'compare', 'validate', 'scenarios', 'coverage', 'merge', 'example', 'schema', 'refine', 'guide'];
    expect(Object.keys(COMMANDS)).toEqual(all);
    expect(await namesAfter(['--help'])).toEqual(all);
    expect(await namesAfter(['anlyze'])).toEqual(all);
  });
});
