import { Command, CommanderError } from 'commander';
import { formatLocation, isSlotcheckError, type InputErrors } from '../core/errors.js';
import { redact } from '../core/redact.js';
import { registerAnalyze } from './commands/analyze.js';
import { registerCompare } from './commands/compare.js';
import { registerExample } from './commands/example.js';
import { registerMerge } from './commands/merge.js';
import { registerRun } from './commands/run.js';
import { registerSchema } from './commands/schema.js';
import { registerValidate } from './commands/validate.js';
import { registerGuide } from './commands/guide.js';
import { registerRefine } from './commands/refine.js';
import { writeLine, type CliIO } from './io.js';

/** Runs the CLI and returns the exit code: 0 passed, 1 bot failure, 2 bad input or usage, 3 could not complete. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  let exitCode = 0;
  const setExit = (code: number) => {
    exitCode = code;
  };
  const program = new Command('slotcheck')
    .description('Test the prompts of LLM slot-filling bots: simulate, detect failures, report.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError('(run slotcheck --help for usage)');
  registerRun(program, io, setExit);
  registerAnalyze(program, io, setExit);
  registerCompare(program, io, setExit);
  registerValidate(program, io, setExit);
  registerMerge(program, io, setExit);
  registerExample(program, io, setExit);
  registerSchema(program, io, setExit);
  registerRefine(program, io, setExit);
  registerGuide(program, io, setExit);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: CliIO): number {
  const secrets = [io.env.OPENAI_API_KEY ?? '', ...urlCredentials(io.env.OPENAI_BASE_URL)];
  if (error instanceof CommanderError) {
    return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? 0 : 2;
  }
  if (isSlotcheckError(error)) {
    const problems = (error as InputErrors).problems ?? [error];
    for (const problem of problems) writeLine(io.stderr, redact(`slotcheck: ${problem.message}`, secrets));
    if (problems.length === 1 && error.location && !error.message.includes(formatLocation(error.location))) writeLine(io.stderr, `  at ${formatLocation(error.location)}`);
    return error.exitCode;
  }
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  writeLine(io.stderr, redact(`slotcheck: internal error: ${text}`, secrets));
  return 3;
}

function urlCredentials(baseURL: string | undefined): string[] {
  try {
    const url = new URL(baseURL ?? '');
    return [decodeURIComponent(url.password), decodeURIComponent(url.username)];
  } catch {
    return [];
  }
}
