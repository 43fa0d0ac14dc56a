import type { Act } from '../annotate/acts.js';
import type { Task } from '../bot/task.js';
import type { ChatMessage } from '../transcript/schema.js';
import type { DetectInput } from '../detect/detector.js';

/** The restaurant task, for detector tests. */
export const RESTAURANT: Task = {
  name: 'BookTable',
  description: 'Book a table',
  slots: [
    { name: 'date', description: 'Date of the reservation', type: 'date' },
    { name: 'time', description: 'Time of the reservation', type: 'time' },
    { name: 'party_size', description: 'Number of people', type: 'integer' },
  ],
  actions: [{ name: 'book_table', description: 'Book', required: ['date', 'time', 'party_size'], optional: [], consequential: true }],
};

type Line =
  | readonly [role: 'user' | 'assistant', text: string, acts: readonly Act[]]
  | readonly ['call', args: Record<string, unknown>, action?: string]
  | readonly ['tool', content: string];

/** Builds a detector input from lines of (role, text, acts): acts written by hand, so the test is about the rule only. A call line names its action (default: the task's first). */
export function conversation(lines: Line[], extra: Partial<DetectInput> = {}): DetectInput {
  const messages: ChatMessage[] = [];
  const acts: Act[][] = [];
  const task = extra.task ?? RESTAURANT;
  let calls = 0;
  for (const line of lines) {
    if (line[0] === 'call') {
      calls += 1;
      const action = line[2] ?? task.actions[0]!.name;
      const consequential = task.actions.find((a) => a.name === action)?.consequential ?? false;
      messages.push({ role: 'assistant', content: null, tool_calls: [{ id: `c${calls}`, type: 'function', function: { name: action, arguments: JSON.stringify(line[1]) } }] });
      acts.push([{ act: 'CALL', action, args: line[1], consequential }]);
    } else if (line[0] === 'tool') {
      messages.push({ role: 'tool', tool_call_id: `c${calls}`, content: line[1] });
      acts.push([]);
    } else {
      messages.push({ role: line[0], content: line[1] });
      acts.push([...line[2]]);
    }
  }
  return { conversation: { id: 't', messages }, task, acts, userActsAreGroundTruth: true, today: '2026-11-24', ...extra };
}

export const inform = (slot: string, value: string | number): Act => ({ act: 'INFORM', slot, value });
export const request = (slot: string): Act => ({ act: 'REQUEST', slot });
export const confirm = (slot: string, value: string | number): Act => ({ act: 'CONFIRM', slot, value });
export const AFFIRM: Act = { act: 'AFFIRM' };
export const NEGATE: Act = { act: 'NEGATE' };
export const GO_AHEAD: Act = { act: 'GO_AHEAD' };
export const ASK_GO_AHEAD: Act = { act: 'ASK_GO_AHEAD' };
export const PROPOSE: Act = { act: 'PROPOSE' };
