import { z } from 'zod';
import type { Bot } from './bot.js';
import { HttpConfigSchema, type HttpConfig } from './http-schema.js';
import { TaskSchema, type Task } from './task.js';
import { ToolMocksSchema } from './tool-mock-schema.js';

const envVarName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'the name of an environment variable');

/** The bot kinds: a system prompt slotcheck sends to a model, a service over HTTP, or a module of code. */
export const BotKindSchema = z.enum(['prompt', 'http', 'module']);
export type BotKind = z.infer<typeof BotKindSchema>;

/** `bots/<name>/bot.yaml` of a prompt bot (the default kind): the task and how to call its model. */
export const PromptBotFileSchema = z.strictObject({
  $schema: z.string().optional(),
  kind: z.literal('prompt').optional(),
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
  /** Tools that answer by their arguments, in sequence, with failures or from saved state, by action name. */
  toolMocks: ToolMocksSchema.default({}),
  /** This bot's OpenAI-compatible endpoint (default: OPENAI_BASE_URL); `${VAR}` is read from the environment. */
  baseURL: z.string().min(1).optional(),
  /** The environment variable holding this bot's API key (default: OPENAI_API_KEY, sent only to the default endpoint). */
  apiKeyEnv: envVarName.optional(),
});
export type PromptBotFile = z.infer<typeof PromptBotFileSchema>;

/** What a bot that is not a prompt (a service, code) declares besides its own settings. */
const ServiceFields = {
  $schema: z.string().optional(),
  description: z.string().default(''),
  /** The model behind the bot, shown in reports (optional). */
  model: z.string().optional(),
  task: TaskSchema,
};

/** `bot.yaml` of a bot behind an HTTP API: slotcheck posts each user turn and reads the bot's turn from the reply. */
export const HttpBotFileSchema = z.strictObject({ ...ServiceFields, kind: z.literal('http'), http: HttpConfigSchema });

/** `bot.yaml` of a bot written in code: a JS/TS module exporting the `Bot` interface. */
export const ModuleBotFileSchema = z.strictObject({
  ...ServiceFields,
  kind: z.literal('module'),
  /** The module, relative to the bot's folder: `./bot.js` (or .mjs, .ts). */
  module: z.string().min(1),
  /** Passed to a module that exports a factory (`export default function createBot({ options })`); `${VAR}` is read from the environment. */
  options: z.record(z.string(), z.unknown()).default({}),
});

/** Any bot.yaml, for the JSON Schema; loading picks the kind's schema by `kind` (default `prompt`). */
export const BotFileSchema = z.union([PromptBotFileSchema, HttpBotFileSchema, ModuleBotFileSchema]);

/** What every kind of loaded bot has. */
interface BotDefinitionBase {
  name: string;
  dir: string;
  /** The bot.yaml, as shown in messages. */
  file: string;
  task: Task;
  description: string;
  /**
   * Hash of everything that defines the bot (settings, task, prompt template,
   * HTTP wire, module source), `${VAR}`s as written, never their values: a
   * resumed run must meet the same bot.
   */
  definitionHash: string;
  /** Values read from `${VAR}`s and `apiKeyEnv`: redacted from everything slotcheck writes. */
  secrets: readonly string[];
}

/** A loaded prompt bot: settings, task, and the compiled prompt template. */
export interface PromptBotDefinition extends BotDefinitionBase {
  kind: 'prompt';
  settings: Omit<PromptBotFile, 'task' | '$schema' | 'kind'>;
  /** The bot's own endpoint; absent: the run's default (OPENAI_BASE_URL, OPENAI_API_KEY). */
  endpoint?: { baseURL: string; apiKey?: string };
  /** The prompt template source (prompt.md). */
  promptSource: string;
  /** Renders the system prompt for a conversation. */
  renderPrompt(context: PromptContext): string;
}

/** A loaded HTTP bot: the wire with `${VAR}`s resolved. */
export interface HttpBotDefinition extends BotDefinitionBase {
  kind: 'http';
  model?: string;
  http: HttpConfig;
}

/** A loaded module bot; the module is imported when the bot is first loaded. */
export interface ModuleBotDefinition extends BotDefinitionBase {
  kind: 'module';
  model?: string;
  /** The module's absolute path. */
  modulePath: string;
  /** What the module exports: a bot, or a factory called with `{ name, dir, options }` when a run connects it. */
  exported: Bot | ((input: { name: string; dir: string; options: Record<string, unknown> }) => Bot | Promise<Bot>);
  /** `options` with `${VAR}`s read. */
  options: Record<string, unknown>;
}

export type BotDefinition = PromptBotDefinition | HttpBotDefinition | ModuleBotDefinition;

/** Values available to a prompt template. */
export interface PromptContext {
  today: string;
}
