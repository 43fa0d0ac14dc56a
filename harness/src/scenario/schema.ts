import { z } from 'zod';
import { SlotValueSchema } from '../bot/task.js';
import { ToolMocksSchema } from '../bot/tool-mock-schema.js';

const slotName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a slot name: letters, digits and underscores');

/** Slot values the simulated user wants, keyed by slot name. */
export const GoalSchema = z.record(slotName, SlotValueSchema);

/** A scripted user turn: plain text, or text with what it does (the simulator's ground truth). */
export const ScriptTurnSchema = z.union([
  z.string().min(1),
  z.strictObject({
    say: z.string().min(1),
    /** Slots this turn gives, with their values. */
    gives: GoalSchema.default({}),
    /** The turn affirms what the bot just confirmed. */
    affirms: z.boolean().default(false),
    /** The turn rejects what the bot just confirmed or proposed. */
    negates: z.boolean().default(false),
    /** The turn authorises the consequential action. */
    goAhead: z.boolean().default(false),
  }),
]);
export type ScriptTurn = z.infer<typeof ScriptTurnSchema>;

/** A change of mind the simulated user makes. */
export const CorrectionSchema = z.strictObject({
  slot: slotName,
  /** The new value; it replaces the goal's value from then on. */
  to: SlotValueSchema,
  /** `at-confirmation`: instead of affirming the first confirmation; `next-turn`: on the turn after giving the slot. */
  when: z.enum(['at-confirmation', 'next-turn']).default('at-confirmation'),
});
export type Correction = z.infer<typeof CorrectionSchema>;

/** The simulated user. */
export const UserSchema = z.strictObject({
  /** `rule` (agenda-based, default), `scripted` (default when `script` is given) or `llm`. */
  simulator: z.enum(['rule', 'scripted', 'llm']).optional(),
  /** Who the user is and how they talk; used by the LLM simulator. */
  persona: z.string().optional(),
  /** Everything the user wants, slot by slot. */
  goal: GoalSchema,
  /** The first message, verbatim; generated from `volunteer` when absent. */
  opening: z.string().optional(),
  /** Slots the opening message gives. */
  volunteer: z.array(slotName).default([]),
  corrections: z.array(CorrectionSchema).default([]),
  /** How the user answers a confirmation that matches the goal. */
  confirmation: z.enum(['affirm', 'affirm-and-go-ahead']).default('affirm'),
  /** Whether the user authorises the action when the bot asks for permission. */
  goAhead: z.enum(['when-asked', 'never']).default('when-asked'),
  /** Fixed user turns for the scripted simulator. */
  script: z.array(ScriptTurnSchema).min(1).optional(),
});
export type UserSpec = z.infer<typeof UserSchema>;

/** The action the bot should end with. */
export const ExpectedActionSchema = z.strictObject({
  name: slotName,
  /** Expected arguments; defaults to the goal's final values for the action's slots. */
  args: GoalSchema.optional(),
});

/** What a correct bot does in this scenario. */
export const ExpectSchema = z.strictObject({
  /** The final action; `null` means the bot must not act. Defaults to the bot's consequential action. */
  action: ExpectedActionSchema.nullable().optional(),
  /** Whether the bot must confirm the values before a consequential action. */
  confirmation: z.enum(['required', 'not-required']).default('required'),
  /** `separate`: confirming the values is not authorisation; `with-confirmation`: one combined question. */
  goAhead: z.enum(['separate', 'with-confirmation']).default('separate'),
  /** Whether asking again for a slot the user gave is a failure. */
  noReAsk: z.boolean().default(true),
  /** The most user turns the conversation may take. */
  maxTurns: z.number().int().positive().max(200).default(12),
});
export type Expectations = z.infer<typeof ExpectSchema>;

/** A scenario file: a simulated user against one bot, and what should happen. */
export const ScenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  /** Unique id; defaults to the file name without extension. */
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" and "-"').optional(),
  /** Name of the bot folder under `bots/`. */
  bot: z.string().min(1),
  description: z.string().default(''),
  /** Today's date in the conversation (YYYY-MM-DD), for reproducible prompts. */
  today: z.iso.date().optional(),
  tags: z.array(z.string()).default([]),
  user: UserSchema,
  expect: ExpectSchema.default(() => ExpectSchema.parse({})),
  /** Results the simulated tools return, by action name; override the bot's (prompt bots). */
  toolResults: z.record(z.string(), z.unknown()).default({}),
  /** Tools that answer by their arguments, in sequence, with failures or from saved state; tried before the bot's (prompt bots). */
  toolMocks: ToolMocksSchema.default({}),
});
type ScenarioFile = z.infer<typeof ScenarioSchema>;

/** A loaded scenario: its id resolved and its source file known. */
export type Scenario = Omit<ScenarioFile, 'id' | '$schema'> & { id: string; file: string };
