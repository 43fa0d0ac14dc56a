import * as z from 'zod';

const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'use letters, digits and underscores, starting with a letter');

/** A value a slot can hold, as the user gives it or an action receives it. */
export const SlotValueSchema = z.union([z.string(), z.number(), z.boolean()]);
export type SlotValue = z.infer<typeof SlotValueSchema>;

/** One piece of information the bot collects. */
export const SlotSchema = z.strictObject({
  name: identifier.describe('Identifier used in tool arguments and in scenario goals.'),
  description: z.string().default('').describe('What the slot means, in words a user would recognise.'),
  type: z.enum(['string', 'integer', 'number', 'date', 'time', 'boolean']).optional().describe('Value type, used to normalise values before comparing them.'),
  values: z.array(z.string()).optional().describe('Allowed values, when the slot is categorical.'),
  default: SlotValueSchema.optional().describe('Value the bot may assume without asking; an argument equal to it is not invented.'),
});
export type Slot = z.infer<typeof SlotSchema>;

/** Something the bot can do, offered to the model as a function tool. */
export const ActionSchema = z.strictObject({
  name: identifier.describe('The tool name the bot calls.'),
  description: z.string().default('').describe('What the action does; sent to the model as the tool description.'),
  required: z.array(identifier).default([]).describe('Slots the action needs.'),
  optional: z.array(identifier).default([]).describe('Slots the action accepts but does not need.'),
  consequential: z.boolean().default(false).describe('Whether it changes the world (book, pay, send) and so needs the user\'s go-ahead.'),
});
export type Action = z.infer<typeof ActionSchema>;

/** The task a bot serves; the same shape as the `task` of an imported transcript. */
export const TaskSchema = z
  .strictObject({
    name: z.string().min(1).describe('The task\'s name, e.g. BookTable.'),
    description: z.string().default('').describe('What the bot helps the user do.'),
    slots: z.array(SlotSchema).default([]).describe('The pieces of information the bot collects.'),
    actions: z.array(ActionSchema).default([]).describe('What the bot can do, each offered to the model as a function tool.'),
  })
  .superRefine((task, ctx) => {
    // A second slot or action of one name would silently shadow the first in every lookup.
    const once = (names: string[], list: 'slots' | 'actions') =>
      names.forEach((name, i) => {
        if (names.indexOf(name) !== i) ctx.addIssue({ code: 'custom', path: [list, i, 'name'], message: `${list === 'slots' ? 'slot' : 'action'} "${name}" is defined twice (also ${list}[${names.indexOf(name)}])` });
      });
    once(task.slots.map((s) => s.name), 'slots');
    once(task.actions.map((a) => a.name), 'actions');
    const slotNames = new Set(task.slots.map((s) => s.name));
    task.actions.forEach((action, i) => {
      for (const key of ['required', 'optional'] as const) {
        action[key].forEach((slot, j) => {
          if (!slotNames.has(slot)) {
            ctx.addIssue({
              code: 'custom',
              path: ['actions', i, key, j],
              message: `action "${action.name}" names slot "${slot}", which the task does not define (known: ${[...slotNames].join(', ') || 'none'})`,
            });
          }
        });
      }
    });
  });
export type Task = z.infer<typeof TaskSchema>;

export function findSlot(task: Task, name: string): Slot | undefined {
  return task.slots.find((s) => s.name === name);
}

export function findAction(task: Task, name: string): Action | undefined {
  return task.actions.find((a) => a.name === name);
}

/** Slot name as words: `party_size` → `party size`. */
export function humanize(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
}
