import { humanize, type Action, type Task } from '../bot/task.js';

/** A word that may say which consequential action is meant, and the action it comes from. */
export interface ActionVerb {
  verb: string;
  action: Action;
}

/**
 * The verbs of a task's consequential actions: the first word, of three
 * letters or more, of each one's name and of its description, in that order
 * ("cancel_booking", "Cancel a booking": "cancel" twice). Each rule leaves
 * out the words too general for it ("get", "make").
 */
export function consequentialVerbs(task: Task): ActionVerb[] {
  const found: ActionVerb[] = [];
  for (const action of task.actions) {
    if (!action.consequential) continue;
    for (const text of [action.name, action.description]) {
      const verb = /^[a-z]+/.exec(humanize(text))?.[0];
      if (verb && verb.length > 2) found.push({ verb, action });
    }
  }
  return found;
}
