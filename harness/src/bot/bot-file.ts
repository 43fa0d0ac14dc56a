import type { LocatedDocument } from '../core/located-parse.js';
import type { Env } from './env-vars.js';
import type { Task } from './task.js';

/** What a kind's loader gets: the parsed bot file and where it lives. */
export interface BotFileContext {
  name: string;
  dir: string;
  botsDir: string;
  /** The bot file as shown in messages. */
  file: string;
  doc: LocatedDocument;
  env: Env;
  display: (path: string) => string;
}

/** The fields every kind of loaded bot takes from its folder and file. */
export function definitionBase(context: BotFileContext, file: { task: Task; description: string; model?: string | undefined }) {
  return { name: context.name, dir: context.dir, file: context.file, task: file.task, description: file.description, ...(file.model ? { model: file.model } : {}) };
}
