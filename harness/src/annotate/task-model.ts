import type { Chrono } from 'chrono-node/en';
import type { Task } from '../bot/task.js';
import { createDateTimeParser } from './datetime.js';
import { buildLexicon, type Lexicon } from './lexicon.js';
import { referenceDate } from './normalize.js';

/** Everything the rules need about a task, built once per task. */
export interface TaskModel {
  task: Task;
  lexicon: Lexicon;
  /** Today, for relative dates ("tomorrow"). */
  reference: Date;
  parser: Chrono;
}

export function taskModel(task: Task, today?: string, parser: Chrono = createDateTimeParser()): TaskModel {
  return { task, lexicon: buildLexicon(task), reference: referenceDate(today), parser };
}
