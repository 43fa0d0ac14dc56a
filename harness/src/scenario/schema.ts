import * as z from 'zod';
import { SlotValueSchema } from '../bot/task.js';
import { ToolMocksSchema } from '../bot/tool-mock-schema.js';

// Field help lives in `.describe()`: `slotcheck schema` turns it into JSON Schema `description`s, which editors show on hover.

const slotName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a slot name: letters, digits and underscores');

/** Slot values the simulated user wants, keyed by slot name. */
export const GoalSchema = z.record(slotName, SlotValueSchema).describe('Slot values, keyed by slot name of the bot\'s task.');

/** A scripted user turn: plain text, or text with what it does (the simulator's ground truth). */
export const ScriptTurnSchema = z.union([
  z.string().min(1).describe('What the user says; what it does is read from the text.'),
  z.strictObject({
    say: z.string().min(1).describe('What the user says.'),
    gives: GoalSchema.default({}).describe('Slots this turn gives, with their values.'),
    affirms: z.boolean().default(false).describe('The turn affirms what the bot just confirmed.'),
    negates: z.boolean().default(false).describe('The turn rejects what the bot just confirmed or proposed.'),
    goAhead: z.boolean().default(false).describe('The turn authorises the consequential action.'),
  }),
]);
export type ScriptTurn = z.infer<typeof ScriptTurnSchema>;

/** A change of mind the simulated user makes. */
export const CorrectionSchema = z.strictObject({
  slot: slotName.describe('The slot the user changes; it must have a value in user.goal.'),
  to: SlotValueSchema.describe('The new value; it replaces the goal\'s value from then on.'),
  when: z.enum(['at-confirmation', 'next-turn']).default('at-confirmation')
    .describe('`at-confirmation`: instead of affirming the first confirmation of the slot; `next-turn`: on the turn after giving the slot.'),
});
export type Correction = z.infer<typeof CorrectionSchema>;

/** The simulated user. */
export const UserSchema = z.strictObject({
  simulator: z.enum(['rule', 'scripted', 'llm']).optional()
    .describe('`rule` (agenda-based, the default), `scripted` (the default when `script` is given) or `llm`.'),
  persona: z.string().optional().describe('Who the user is and how they talk; used by the LLM simulator.'),
  goal: GoalSchema.describe('Everything the user wants, slot by slot; a slot left out is one the user never gives.'),
  opening: z.string().optional().describe('The first message, verbatim; generated from `volunteer` when absent.'),
  volunteer: z.array(slotName).default([]).describe('Slots the opening message gives; the others are given when the bot asks.'),
  corrections: z.array(CorrectionSchema).default([]).describe('Changes of mind, each with its timing.'),
  confirmation: z.enum(['affirm', 'affirm-and-go-ahead']).default('affirm')
    .describe('How the user answers a confirmation that matches the goal: `affirm` ("yes, that\'s right") or `affirm-and-go-ahead` (also authorises the action).'),
  goAhead: z.enum(['when-asked', 'never']).default('when-asked')
    .describe('Whether the user authorises the action when the bot asks for permission.'),
  seed: z.number().int().nonnegative().optional()
    .describe('Fixes the rule-based user\'s choice of wording; by default each trial has its own seed, recorded in the transcript.'),
  script: z.array(ScriptTurnSchema).min(1).optional().describe('Fixed user turns for the scripted simulator.'),
});
export type UserSpec = z.infer<typeof UserSchema>;

/** The action the bot should end with. */
export const ExpectedActionSchema = z.strictObject({
  name: slotName.describe('An action of the bot\'s task.'),
  args: GoalSchema.optional().describe('Expected arguments; defaults to the goal\'s final values for the action\'s slots.'),
});

/** What a correct bot does in this scenario. */
export const ExpectSchema = z.strictObject({
  action: ExpectedActionSchema.nullable().optional()
    .describe('The action the bot should end with; `null` means the bot must not act. Defaults to the task\'s consequential action.'),
  confirmation: z.enum(['required', 'not-required']).default('required')
    .describe('Whether the bot must confirm the values before a consequential action.'),
  goAhead: z.enum(['separate', 'with-confirmation']).default('separate')
    .describe('`separate`: confirming the values is not authorisation; `with-confirmation`: one combined question is enough.'),
  noReAsk: z.boolean().default(true).describe('Whether asking again for a slot the user gave is a failure.'),
  maxTurns: z.number().int().positive().max(200).default(12).describe('The most user turns the conversation may take.'),
});
export type Expectations = z.infer<typeof ExpectSchema>;

/** A scenario file: a simulated user against one bot, and what should happen. */
export const ScenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" and "-"').optional()
    .describe('Unique within the suite you run; defaults to the file name without extension.'),
  bot: z.string().min(1).describe('Name of the bot folder under `bots/`.'),
  description: z.string().default('').describe('What the scenario tests, in a sentence.'),
  today: z.iso.date().optional().describe('Today\'s date in the conversation (YYYY-MM-DD), for reproducible prompts and relative dates.'),
  tags: z.array(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'letters, digits, ".", "_", ":" and "-"')).default([])
    .describe('Labels to pick scenarios by: `slotcheck run --tag TAG`.'),
  user: UserSchema.describe('The simulated user.'),
  expect: ExpectSchema.default(() => ExpectSchema.parse({})).describe('What a correct bot does.'),
  toolResults: z.record(z.string(), z.unknown()).default({})
    .describe('What each simulated tool returns on success, by action name; overrides the bot\'s `toolResults` (prompt bots).'),
  toolMocks: ToolMocksSchema.default({})
    .describe('Tools that answer by their arguments, in sequence (a failure, then a retry that succeeds), or from saved state, by action name; tried before the bot\'s (prompt bots).'),
});
type ScenarioFile = z.infer<typeof ScenarioSchema>;

/** A loaded scenario: its id resolved and its source file known. */
export type Scenario = Omit<ScenarioFile, 'id' | '$schema'> & { id: string; file: string };
