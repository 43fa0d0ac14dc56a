import { Command, CommanderError } from 'commander';
import { formatLocation, isSlotcheckError, type InputErrors } from '../core/errors.js';
import { redact } from '../core/redact.js';
import { envSecrets } from '../config.js';
import { commandsFor } from './commands/index.js';
import { quietOnClosedOutput, writeLine, type CliIO } from './io.js';

/** Runs the CLI and returns the exit code: 0 passed, 1 bot failure, 2 bad input or usage, 3 could not complete. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  quietOnClosedOutput(io);
  let exitCode = 0;
  const setExit = (code: number) => {
    exitCode = code;
  };
  const program = new Command('slotcheck')
    .description('Test the prompts of LLM slot-filling bots: simulate, detect failures, report.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError('(run slotcheck --help for usage)');
  try {
    for (const register of await commandsFor(argv)) register(program, io, setExit);
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: CliIO): number {
  const secrets = envSecrets(io.env);
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
