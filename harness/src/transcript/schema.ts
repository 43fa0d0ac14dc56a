import * as z from 'zod';
import { TaskSchema } from '../bot/task.js';

/** A function call the assistant made, in the OpenAI chat-completions format. */
export const ToolCallSchema = z.object({
  id: z.string(),
  type: z.literal('function').default('function'),
  function: z.object({ name: z.string(), arguments: z.string() }),
});
export type ToolCall = z.infer<typeof ToolCallSchema>;

export const SystemMessageSchema = z.object({ role: z.literal('system'), content: z.string() });
export const UserMessageSchema = z.object({ role: z.literal('user'), content: z.string() });
export const AssistantMessageSchema = z.object({
  role: z.literal('assistant'),
  content: z.string().nullable().default(null),
  tool_calls: z.array(ToolCallSchema).optional(),
});
export const ToolMessageSchema = z.object({ role: z.literal('tool'), tool_call_id: z.string(), content: z.string() });

/** One chat message in the OpenAI chat-completions format. */
export const ChatMessageSchema = z.discriminatedUnion('role', [
  SystemMessageSchema,
  UserMessageSchema,
  AssistantMessageSchema,
  ToolMessageSchema,
]);
export type ChatMessage = z.infer<typeof ChatMessageSchema>;
export type AssistantMessage = z.infer<typeof AssistantMessageSchema>;

/**
 * A conversation as analysed: the imported-transcript format of
 * `../shared/data/sgd` (id, task, messages). Message indices count from 0 over
 * `messages`; the bot's system prompt is not one of them.
 */
export const ConversationSchema = z.object({
  id: z.string().min(1),
  task: TaskSchema.optional(),
  messages: z.array(ChatMessageSchema),
});
export type Conversation = z.infer<typeof ConversationSchema>;

/** Text of a message, or '' when it only carries tool calls. */
export function textOf(message: ChatMessage): string {
  return message.content ?? '';
}

/**
 * A tool call's arguments as an object, or undefined when they are not a JSON
 * object; an empty string counts as `{}` (some servers send it for no arguments).
 */
export function toolArguments(call: ToolCall): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(call.function.arguments || '{}');
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
