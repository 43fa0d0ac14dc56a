import { z } from 'zod';
import { TaskSchema, type Task } from './task.js';

/** `bots/<name>/bot.yaml`: the task the bot serves and how to call its model. */
export const BotFileSchema = z.strictObject({
  $schema: z.string().optional(),
  description: z.string().default(''),
  /** Model to use when `--model` is not given. */
  model: z.string().optional(),
  temperature: z.number().min(0).max(2).default(0),
  maxTokens: z.number().int().positive().optional(),
  /** Extra values for the prompt template, available as `vars.<name>`. */
  variables: z.record(z.string(), z.unknown()).default({}),
  task: TaskSchema,
  /** What each simulated tool returns, by action name (default `{"status":"ok"}`). */
  toolResults: z.record(z.string(), z.unknown()).default({}),
});
export type BotFile = z.infer<typeof BotFileSchema>;

/** A loaded bot: settings, task, and the compiled prompt template. */
export interface Bot {
  name: string;
  dir: string;
  settings: Omit<BotFile, 'task' | '$schema'>;
  task: Task;
  /** The prompt template source (prompt.md). */
  promptSource: string;
  /** Hash of the whole definition (see definition-hash.ts): a resumed run refuses a changed bot. */
  definitionHash: string;
  /** Renders the system prompt for a conversation. */
  renderPrompt(context: PromptContext): string;
}

/** Values available to a prompt template. */
export interface PromptContext {
  today: string;
}
