import type { LocatedDocument } from '../core/located-parse.js';
import type { Task } from './task.js';
import type { ToolMocks } from './tool-mock-schema.js';

/** The lists that some mock `save`s to. */
export function savedLists(...mocks: readonly ToolMocks[]): Set<string> {
  return new Set(mocks.flatMap((byTool) => Object.values(byTool).flat().flatMap((m) => (m.save ? [m.save] : []))));
}

/**
 * Checks mocks against the task: each names an action, matches only its
 * arguments, and loads only a list some mock saves to (in `saved`). Errors
 * point at the field.
 */
export function checkToolMocks(mocks: ToolMocks, task: Task, doc: LocatedDocument, path: readonly PropertyKey[], saved: ReadonlySet<string>): void {
  for (const [tool, list] of Object.entries(mocks)) {
    const action = task.actions.find((a) => a.name === tool);
    if (!action) {
      throw doc.errorAt([...path, tool], `"${tool}" is not an action of task "${task.name}" (known actions: ${task.actions.map((a) => a.name).join(', ') || 'none'})`);
    }
    const args = [...action.required, ...action.optional];
    list.forEach((mock, i) => {
      for (const name of Object.keys(mock.match ?? {})) {
        if (!args.includes(name)) throw doc.errorAt([...path, tool, i, 'match', name], `"${name}" is not an argument of action "${tool}" (arguments: ${args.join(', ') || 'none'})`);
      }
      if (mock.load && !saved.has(mock.load)) {
        throw doc.errorAt([...path, tool, i, 'load'], `no mock saves to list "${mock.load}" (add \`save: ${mock.load}\` to the mock of the action that creates the entries)`);
      }
    });
  }
}
