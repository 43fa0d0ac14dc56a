import * as z from 'zod';
import { findSlot, type Action, type Task } from '../bot/task.js';
import { SlotcheckError } from '../core/errors.js';
import type { LocatedDocument } from '../core/located-parse.js';
import type { Allowed, Cell, Factor } from './pairwise.js';
import { mainAction } from './main-action.js';

/** How the simulated user gives a slot: in the opening message, when the bot asks, or never. */
const GiveSchema = z.enum(['volunteered', 'asked', 'left-out']);
const ToolCaseSchema = z.enum(['success', 'failure', 'retry']);

/** `--matrix FILE`: the levels to combine, each factor narrowed from its default (every level that fits the task). */
export const MatrixSpecSchema = z.strictObject({
  $schema: z.string().optional(),
  give: z.record(z.string(), z.array(GiveSchema).min(1)).default({})
    .describe('Per slot of the action: how the user may give it (volunteered, asked, left-out).'),
  corrections: z.strictObject({
    slots: z.array(z.string()).min(1).optional().describe('Slots the user may change, and `none` for no change.'),
    when: z.array(z.enum(['at-confirmation', 'next-turn'])).min(1).optional().describe('When the change is made.'),
  }).default({}).describe('Changes of mind to combine.'),
  confirmation: z.array(z.enum(['affirm', 'affirm-and-go-ahead'])).min(1).optional().describe('How the user answers a confirmation.'),
  goAhead: z.array(z.enum(['when-asked', 'never'])).min(1).optional().describe('Whether the user authorises the action.'),
  toolOutcomes: z.array(ToolCaseSchema).min(1).optional().describe('success, failure (every call fails) or retry (the first call fails).'),
});
export type MatrixSpec = z.infer<typeof MatrixSpecSchema>;

/** The factors of a task's matrix and which combinations make sense. */
export interface TaskMatrix {
  action: Action;
  /** The action's slots, required first. */
  slots: string[];
  factors: Factor[];
  allowed: Allowed;
}

const NONE = 'none';

/**
 * The matrix over a task's main action (its first consequential one, else its
 * first): how each of its slots is given (a slot may be left out only when
 * the action does not need it or it has a default), which slot is corrected
 * and when, the confirmation and go-ahead policies, and how the tool call
 * turns out (for a prompt bot, whose tools slotcheck simulates). `spec`
 * narrows the levels; `doc` locates its mistakes.
 */
export function taskMatrix(task: Task, spec: MatrixSpec = MatrixSpecSchema.parse({}), doc?: LocatedDocument, options: { mockedTools?: boolean } = {}): TaskMatrix {
  const action = mainAction(task);
  if (!action) throw new SlotcheckError('USAGE', `task "${task.name}" has no action: there is nothing a scenario could expect the bot to do`);
  const slots = [...action.required, ...action.optional];
  const fail = (path: PropertyKey[], message: string) => (doc ? doc.errorAt(path, message) : new SlotcheckError('USAGE', message));
  const factors: Factor[] = slots.map((slot) => ({ name: `give:${slot}`, levels: narrow(giveLevels(task, action, slot), spec.give[slot], ['give', slot], fail) }));
  for (const slot of Object.keys(spec.give)) if (!slots.includes(slot)) throw fail(['give', slot], `"${slot}" is not a slot of action "${action.name}" (its slots: ${slots.join(', ')})`);
  factors.push({ name: 'correct', levels: narrow([NONE, ...slots.filter((s) => canChange(task, s))], spec.corrections.slots, ['corrections', 'slots'], fail) });
  factors.push({ name: 'correctWhen', levels: narrow(['at-confirmation', 'next-turn'], spec.corrections.when, ['corrections', 'when'], fail) });
  if (action.consequential) {
    factors.push({ name: 'confirmation', levels: narrow(['affirm', 'affirm-and-go-ahead'], spec.confirmation, ['confirmation'], fail) });
    factors.push({ name: 'goAhead', levels: narrow(['when-asked', 'never'], spec.goAhead, ['goAhead'], fail) });
  }
  // Tool outcomes are simulated for prompt bots only (an HTTP or module bot runs its own tools).
  const toolLevels = options.mockedTools === false ? ['success'] : [...ToolCaseSchema.options];
  factors.push({ name: 'tool', levels: narrow(toolLevels, spec.toolOutcomes, ['toolOutcomes'], fail) });
  return { action, slots, factors, allowed };
}

/** Combinations that contradict themselves are left out. */
const allowed: Allowed = (cell: Cell) => {
  const corrected = cell.correct;
  if (corrected !== undefined && corrected !== NONE && cell[`give:${corrected}`] === 'left-out') return false;
  // With no change of mind, when it would be made means nothing: one level stands for both.
  if (corrected === NONE && cell.correctWhen !== undefined && cell.correctWhen !== 'at-confirmation') return false;
  // A user who never authorises must not authorise while confirming, and there is then no call to fail.
  if (cell.goAhead === 'never' && ((cell.confirmation !== undefined && cell.confirmation !== 'affirm') || (cell.tool !== undefined && cell.tool !== 'success'))) return false;
  return true;
};

/** How a slot of the action can be given: the bot asks only for what the action needs, and only a slot it need not have, or one with a default, can be left out. */
export function giveLevels(task: Task, action: Action, slot: string): string[] {
  const optional = !action.required.includes(slot);
  const hasDefault = findSlot(task, slot)?.default !== undefined;
  // The bot asks for what the action needs; a slot it need not have is volunteered or never given.
  if (optional) return ['volunteered', 'left-out'];
  return hasDefault ? ['volunteered', 'asked', 'left-out'] : ['volunteered', 'asked'];
}

/** A slot can be changed when it has a second value to change to (a categorical slot with one value has none). */
function canChange(task: Task, slot: string): boolean {
  const values = findSlot(task, slot)?.values;
  return !values || values.length > 1;
}

function narrow(levels: string[], wanted: readonly string[] | undefined, path: PropertyKey[], fail: (path: PropertyKey[], message: string) => SlotcheckError): string[] {
  if (!wanted) return levels;
  wanted.forEach((level, i) => {
    if (!levels.includes(level)) throw fail([...path, i], `"${level}" is not possible here (possible: ${levels.join(', ')})`);
  });
  return levels.filter((l) => wanted.includes(l));
}
