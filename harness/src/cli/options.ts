import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_GUIDE_NAME } from '../guide/store.js';

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}

export function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number of seconds above 0');
  return n;
}

export function list(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

export function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number of at least 0');
  return n;
}

/** A repeatable option (`--tag a --tag b`), also taking commas (`--tag a,b`). */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...list(value)];
}

/** A calendar date, YYYY-MM-DD, that exists. */
export function isoDate(value: string): string {
  const date = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) throw new InvalidArgumentError('expected a date as YYYY-MM-DD, e.g. 2026-11-24');
  return value;
}

/** `--guides` and `--guide`, for the commands that read a guide. */
export function guideOptions(command: Command, what: string): Command {
  return command.option('--guides <dir>', 'folder of guides', 'guides').option('--guide <name>', what, DEFAULT_GUIDE_NAME);
}

/** `--call-timeout` and `--retries`, for the commands that call a model. */
export function callOptions(command: Command): Command {
  return command
    .option('--call-timeout <seconds>', 'time-out per model call', seconds, 60)
    .option('--retries <n>', 'retries per model call on 429, 5xx and connection errors', nonNegativeInt, 3);
}

/** A model name: an empty one (`--model ""`, an unset shell variable) would be sent as is and fail at every call. */
export function modelName(value: string): string {
  const name = value.trim();
  if (name === '') throw new InvalidArgumentError('expected a model name, not an empty string');
  return name;
}
