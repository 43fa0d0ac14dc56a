import type { Action, Task } from '../bot/task.js';

/**
 * The task's main action: its first consequential one, else its first. What
 * generated scenarios, regression scenarios and coverage are about.
 */
export function mainAction(task: Task): Action | undefined {
  return task.actions.find((a) => a.consequential) ?? task.actions[0];
}
