import { z } from 'zod';
import { TaskSchema, type Task } from './task.js';

/** `bots/<name>/bot.yaml`: the task the bot serves and how to call its model. */
export const BotFileSchema = z.strictObject({
  $schema: z.string().optional(),
  description: z.string().default('').describe('What the bot is for, in a sentence; available to the prompt as `bot.description`.'),
  model: z.string().optional().describe('Model to use when `--model` is not given.'),
  temperature: z.number().min(0).max(2).default(0).describe('Sampling temperature of the bot\'s model.'),
  maxTokens: z.number().int().positive().optional().describe('The most tokens one bot reply may take.'),
  variables: z.record(z.string(), z.unknown()).default({}).describe('Extra values for the prompt template, available as `vars.<name>`.'),
  task: TaskSchema.describe('The task the bot serves: its slots and actions.'),
  toolResults: z.record(z.string(), z.unknown()).default({}).describe('What each simulated tool returns on success, by action name (default `{"status":"ok"}`).'),
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
  /** Renders the system prompt for a conversation. */
  renderPrompt(context: PromptContext): string;
}

/** Values available to a prompt template. */
export interface PromptContext {
  today: string;
}
