import * as z from 'zod';
import { AssistantMessageSchema, ToolMessageSchema, type ChatMessage } from '../transcript/schema.js';

/** What a bot may know of the test it is in (never the simulated user's goal). */
export interface BotScenario {
  id: string;
  /** The conversation's date (YYYY-MM-DD). */
  today: string;
  /** The trial number, from 1. */
  trial: number;
}

/** One turn in: the conversation so far and what is new since the bot last spoke. */
export interface BotTurnInput {
  /** Unique per conversation and run: a bot that keeps its own session keys it on this. */
  threadId: string;
  /** The whole conversation so far in the OpenAI chat format (no system prompt), ending with the user's new message. */
  messages: readonly ChatMessage[];
  /** The messages since the bot's previous turn: the user's new message. */
  newMessages: readonly ChatMessage[];
  scenario: BotScenario;
  /** What the bot returned as `session` on its previous turn (absent on the first). */
  session?: unknown;
  signal?: AbortSignal;
}

/**
 * One turn out: everything the bot produced, in order. Assistant messages
 * carry text and tool calls; `tool` messages are the results of tools the bot
 * ran itself, each answering a tool call of this turn.
 */
export const BotTurnSchema = z.object({
  messages: z.array(z.discriminatedUnion('role', [AssistantMessageSchema, ToolMessageSchema])),
  /** Given back to the bot on its next turn (a session id, a cursor). */
  session: z.unknown().optional(),
});
export type BotTurn = z.infer<typeof BotTurnSchema>;

/**
 * The seam between slotcheck and the bot under test: one turn in, the bot's
 * turn out. Prompt bots (a system prompt sent to a model), HTTP bots and
 * module bots all implement it; the conversation loop, time-outs, blame and
 * detectors are the same for every kind.
 */
export interface Bot {
  respond(input: BotTurnInput): Promise<BotTurn>;
  /** Releases what the bot holds (connections, workers) at the end of a run. */
  close?(): void | Promise<void>;
}

const PARTIAL = Symbol('partialTurn');

/** Marks an error thrown in the middle of a turn with what the bot had produced before it, so the transcript keeps it. */
export function withPartialTurn(error: unknown, messages: BotTurn['messages']): unknown {
  if (messages.length > 0 && error !== null && typeof error === 'object') Object.defineProperty(error, PARTIAL, { value: [...messages] });
  return error;
}

/** What the bot had produced when the turn failed (none when the error carries nothing). */
export function partialTurnOf(error: unknown): BotTurn['messages'] {
  return error !== null && typeof error === 'object' ? ((error as { [PARTIAL]?: BotTurn['messages'] })[PARTIAL] ?? []) : [];
}
