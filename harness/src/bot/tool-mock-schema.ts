import * as z from 'zod';
import { SlotValueSchema } from './task.js';

const listName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a list name: letters, digits and underscores');

/** A regular expression, checked when the file loads. */
const pattern = z.string().superRefine((source, ctx) => {
  try {
    new RegExp(source, 'i');
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `not a regular expression: ${error instanceof Error ? error.message : String(error)}` });
  }
});

/** What an argument must be: a value (equal; 2 and "2" are equal) or `{ pattern }` (a case-insensitive regular expression the value as text must match). */
export const ArgMatcherSchema = z.union([SlotValueSchema, z.strictObject({ pattern: pattern.describe('A case-insensitive regular expression the value, as text, must match.') })])
  .describe('A value the argument must equal (2 and "2" are equal), or `{ pattern }`.');
export type ArgMatcher = z.infer<typeof ArgMatcherSchema>;

/** One answer of a mocked tool: a result, or a failure. */
export const ToolStepSchema = z.union([
  z.strictObject({ returns: z.unknown().describe('The result of this call.') }),
  z.strictObject({ error: z.string().min(1).describe('The call fails: the result is `{"status": "error", "error": <message>}`, so asking again or proposing anew is legitimate.') }),
]);
export type ToolStep = z.infer<typeof ToolStepSchema>;

/**
 * How a mocked tool answers the calls it matches. The first mock of a tool
 * whose `match` fits a call answers it; a call no mock fits falls back to
 * `toolResults`, then `{"status": "ok"}`.
 */
export const ToolMockSchema = z
  .strictObject({
    match: z.record(z.string(), ArgMatcherSchema).optional().describe('Arguments the call must have; absent: every call.'),
    returns: z.unknown().optional().describe('The result.'),
    error: z.string().min(1).optional().describe('The action fails with this message.'),
    sequence: z.array(ToolStepSchema).min(1).optional().describe('Answers in order: the first call this mock answers gets the first, and so on; the last repeats.'),
    save: listName.optional().describe('A successful call\'s arguments (and the fields of its result) are added to this list, for `load`.'),
    load: listName.optional().describe('The result lists the entries of this list whose fields equal the call\'s arguments (merged into `returns`).'),
  })
  .refine((m) => [m.returns !== undefined, m.error !== undefined, m.sequence !== undefined].filter(Boolean).length <= 1, 'give at most one of returns, error or sequence')
  .refine((m) => m.returns !== undefined || m.error !== undefined || m.sequence !== undefined || m.load !== undefined, 'say what the tool answers: returns, error, sequence or load');
export type ToolMock = z.infer<typeof ToolMockSchema>;

/** Mocks by tool (action) name, each a list tried in order. */
export const ToolMocksSchema = z.record(z.string(), z.array(ToolMockSchema).min(1));
export type ToolMocks = z.infer<typeof ToolMocksSchema>;
