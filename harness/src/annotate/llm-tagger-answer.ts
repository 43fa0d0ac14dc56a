import * as z from 'zod';
import { SlotValueSchema, type Task } from '../bot/task.js';
import type { ChatMessage, Conversation } from '../transcript/schema.js';
import type { Act, ActType, MessageActs } from './acts.js';
import { callActs } from './call-acts.js';

const BOT_ACTS = ['REQUEST', 'CONFIRM', 'OFFER', 'PROPOSE', 'ASK_GO_AHEAD', 'CLAIMS_DONE'] as const;
const USER_ACTS = ['INFORM', 'AFFIRM', 'NEGATE', 'GO_AHEAD'] as const;
/** Acts that name a slot, and those that must also carry its value. */
const SLOT_ACTS: ReadonlySet<ActType> = new Set(['REQUEST', 'CONFIRM', 'INFORM']);
const VALUE_ACTS: ReadonlySet<ActType> = new Set(['CONFIRM', 'INFORM']);
/** Acts that may name a slot but need not. */
const OPTIONAL_SLOT_ACTS: ReadonlySet<ActType> = new Set(['OFFER', 'NEGATE']);

/** One act as the model writes it. CALL is never the model's: tool calls are read structurally. */
export const ModelActSchema = z.object({
  act: z.string().transform((s) => s.trim().toUpperCase()).pipe(z.enum([...BOT_ACTS, ...USER_ACTS])),
  /** Models often write null for an absent field. */
  slot: z.string().nullish(),
  value: SlotValueSchema.nullish(),
  /** REQUEST: the values the question offers to choose from ("window or terrace?"). */
  options: z.array(SlotValueSchema).nullish(),
  /** REQUEST: asks for another value than one the user gave ("another card?"). */
  another: z.boolean().nullish(),
  /** REQUEST: narrows a value the user gave that does not settle the slot yet ("which Paris station?"). */
  narrows: z.boolean().nullish(),
  /** CLAIMS_DONE: the action the bot says it has done, when its words name one. */
  action: z.string().nullish(),
});

/** The LLM tagger's answer: acts per message index. Messages left out have no acts. */
export const TaggerAnswerSchema = z.object({
  messages: z.array(z.object({ index: z.number().int().nonnegative(), acts: z.array(ModelActSchema) })),
});
export type TaggerAnswer = z.infer<typeof TaggerAnswerSchema>;

/** Whether the model labels a message: user messages and bot messages with text. */
export function isTaggable(message: ChatMessage): boolean {
  return message.role === 'user' || (message.role === 'assistant' && Boolean(message.content?.trim()));
}

/**
 * The answer schema for one conversation: indices must point at taggable
 * messages, acts must fit the speaker, slots must be the task's. A violation
 * is invalid output, so `completeStructured` feeds it back and retries once.
 */
export function answerSchemaFor(conversation: Conversation, task: Task) {
  const slots = new Set(task.slots.map((s) => s.name));
  const actions = new Set(task.actions.filter((a) => a.consequential).map((a) => a.name));
  return TaggerAnswerSchema.superRefine((answer, ctx) => {
    const seen = new Set<number>();
    answer.messages.forEach((entry, i) => {
      const message = conversation.messages[entry.index];
      const where = ['messages', i];
      if (!message || !isTaggable(message)) return ctx.addIssue({ code: 'custom', path: [...where, 'index'], message: `message ${entry.index} is not a user or bot message with text` });
      if (seen.has(entry.index)) return ctx.addIssue({ code: 'custom', path: [...where, 'index'], message: `message ${entry.index} is listed twice` });
      seen.add(entry.index);
      const allowed: readonly string[] = message.role === 'user' ? USER_ACTS : BOT_ACTS;
      entry.acts.forEach((act, j) => {
        const problem = actProblem(act, allowed, message.role, slots, actions);
        if (problem) ctx.addIssue({ code: 'custom', path: [...where, 'acts', j], message: problem });
      });
    });
  });
}

function actProblem(act: z.infer<typeof ModelActSchema>, allowed: readonly string[], role: string, slots: ReadonlySet<string>, actions: ReadonlySet<string>): string | undefined {
  if (!allowed.includes(act.act)) return `${act.act} is not an act of a ${role === 'user' ? 'user' : 'bot'} message (use ${allowed.join(', ')})`;
  const takesSlot = SLOT_ACTS.has(act.act) || OPTIONAL_SLOT_ACTS.has(act.act);
  if (SLOT_ACTS.has(act.act) && !act.slot) return `${act.act} needs a slot`;
  if (takesSlot && act.slot && !slots.has(act.slot)) return `slot "${act.slot}" is not in the task (known: ${[...slots].join(', ') || 'none'})`;
  if (VALUE_ACTS.has(act.act) && (act.value === undefined || act.value === null || act.value === '')) return `${act.act} needs the value`;
  if (act.act === 'CLAIMS_DONE' && act.action && !actions.has(act.action)) return `action "${act.action}" is not one of the task's actions that change the world (known: ${[...actions].join(', ') || 'none'})`;
  return undefined;
}

/** The validated answer as acts for every message; tool calls become CALL acts. */
export function toMessageActs(answer: TaggerAnswer, conversation: Conversation, task: Task): MessageActs {
  const acts: MessageActs = conversation.messages.map((message) => (message.role === 'assistant' ? callActs(message, task) : []));
  for (const entry of answer.messages) acts[entry.index]!.push(...entry.acts.map(toAct));
  return acts;
}

/** Keeps only the fields an act of its type carries, as the offline tagger writes them. */
function toAct(act: z.infer<typeof ModelActSchema>): Act {
  const takesSlot = SLOT_ACTS.has(act.act) || OPTIONAL_SLOT_ACTS.has(act.act);
  const request = act.act === 'REQUEST';
  return {
    act: act.act,
    ...(takesSlot && act.slot ? { slot: act.slot } : {}),
    ...(takesSlot && act.value !== undefined && act.value !== null && act.value !== '' && !request ? { value: act.value } : {}),
    // A choice is between two values or more; one "option" is the value itself, not a choice.
    ...(request && act.options && act.options.length >= 2 ? { options: act.options } : {}),
    ...(request && act.another ? { another: true } : {}),
    ...(request && act.narrows ? { narrows: true } : {}),
    ...(act.act === 'CLAIMS_DONE' && act.action ? { action: act.action } : {}),
  };
}
