import * as z from 'zod';
import { SlotValueSchema } from '../bot/task.js';

/**
 * Dialogue acts. Bot side: REQUEST, CONFIRM, OFFER, PROPOSE, ASK_GO_AHEAD,
 * CLAIMS_DONE, CALL. PROPOSE marks a message that presents what the bot is
 * about to do, with its details, for the user's yes (prose, a list, a table,
 * a JSON object); the details themselves stay in the message's text. User side: INFORM, AFFIRM, NEGATE, GO_AHEAD. Detectors read these,
 * never raw text.
 */
export const ActTypeSchema = z.enum([
  'REQUEST',
  'CONFIRM',
  'OFFER',
  'PROPOSE',
  'ASK_GO_AHEAD',
  'CLAIMS_DONE',
  'CALL',
  'INFORM',
  'AFFIRM',
  'NEGATE',
  'GO_AHEAD',
]);
export type ActType = z.infer<typeof ActTypeSchema>;

export const ActSchema = z.object({
  act: ActTypeSchema,
  /** The slot the act is about, when it is about one. */
  slot: z.string().optional(),
  /** The value stated for the slot, as written. */
  value: SlotValueSchema.optional(),
  /** For CALL: the action (tool) name; for CLAIMS_DONE: the action claimed done, when its verb names one. */
  action: z.string().optional(),
  /** For CALL: the parsed arguments; absent when they were not valid JSON. */
  args: z.record(z.string(), z.unknown()).optional(),
  /** For CALL: whether the action is consequential. */
  consequential: z.boolean().optional(),
  /** For REQUEST: the values the question offers to choose from ("window or terrace?", "Nord or Lyon?"). */
  options: z.array(SlotValueSchema).optional(),
  /** For REQUEST: asks for another value than one given ("another card", "the new address"). */
  another: z.boolean().optional(),
  /** For REQUEST: narrows a value the user gave, which the question names ("which Paris station?"). */
  narrows: z.boolean().optional(),
});
export type Act = z.infer<typeof ActSchema>;

/** Acts per message index of a conversation. */
export const MessageActsSchema = z.array(z.array(ActSchema));
export type MessageActs = z.infer<typeof MessageActsSchema>;

export function hasAct(acts: readonly Act[] | undefined, type: ActType): boolean {
  return acts?.some((a) => a.act === type) ?? false;
}

export function actsOf(acts: readonly Act[] | undefined, type: ActType): Act[] {
  return acts?.filter((a) => a.act === type) ?? [];
}
