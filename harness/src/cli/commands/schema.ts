import { join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { writeFileAtomic } from '../../core/files.js';
import { assertFolderPath } from '../../core/folder-path.js';
import { displayPath } from '../../bot/load.js';
import { jsonSchemas } from '../../scenario/json-schema.js';
import { writeLine, type CliIO } from '../io.js';

export function registerSchema(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('schema')
    .description('write JSON Schemas of scenario, bot, task, guide, matrix and price files, for editor completion')
    .option('--out <dir>', 'folder to write them to', 'harness/schemas')
    .action(async (flags: { out: string }) => {
      const dir = resolve(io.cwd, flags.out);
      assertFolderPath(dir, '--out', displayPath(io.cwd));
      for (const [name, schema] of Object.entries(jsonSchemas())) {
        await writeFileAtomic(join(dir, name), `${JSON.stringify(schema, null, 2)}\n`);
        writeLine(io.stdout, relative(io.cwd, join(dir, name)));
      }
      setExit(0);
    });
}
