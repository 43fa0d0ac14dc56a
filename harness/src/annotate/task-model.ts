import type { Chrono } from 'chrono-node/en';
import type { Task } from '../bot/task.js';
import { consequentialVerbs } from './action-verbs.js';
import { claimPatterns, type ClaimPatterns } from './claims.js';
import { createDateTimeParser } from './datetime.js';
import { buildLexicon, type Lexicon } from './lexicon.js';
import { referenceDate } from './normalize.js';
import { createTagMemo, type TagMemo } from './tag-memo.js';

/** Everything the rules need about a task, built once per task. */
export interface TaskModel {
  task: Task;
  lexicon: Lexicon;
  /** Today, for relative dates ("tomorrow"). */
  reference: Date;
  parser: Chrono;
  /**
   * A sentence opening with the verb of a consequential action ("Reserving a
   * table for 2…", "Play the song X on the TV."): the bot restating what it is about to do.
   */
  actionVerbs: RegExp;
  /** Claims of success in the words of the task's consequential actions. */
  claims: ClaimPatterns;
  /** Taggings already made with this model. */
  memo: TagMemo;
}

export function taskModel(task: Task, today?: string, parser: Chrono = createDateTimeParser()): TaskModel {
  return { task, lexicon: buildLexicon(task), reference: referenceDate(today), parser, actionVerbs: actionVerbPattern(task), claims: claimPatterns(task), memo: createTagMemo() };
}

function actionVerbPattern(task: Task): RegExp {
  const verbs = new Set(consequentialVerbs(task).map(({ verb }) => verb).filter((verb) => !/^(get|find|search|look|check|do|make|the|a)$/.test(verb)));
  if (verbs.size === 0) return /$^/;
  const stems = [...verbs].map((v) => v.replace(/e$/, ''));
  return new RegExp(`^\\s*(?:(?:so|ok(?:ay)?|sure|yes|alright|great|perfect|got it)[,.!:]?\\s+)*(?:${stems.join('|')})(?:e|es|s|ed|ing|ting|ring|ping)?\\b`, 'i');
}
