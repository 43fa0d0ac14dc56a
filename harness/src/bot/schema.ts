import * as z from 'zod';
import type { Bot } from './bot.js';
import { HttpConfigSchema, type HttpConfig } from './http-schema.js';
import { TaskSchema, type Task } from './task.js';
import { ToolMocksSchema } from './tool-mock-schema.js';

const envVarName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'the name of an environment variable');

/** The bot kinds: a system prompt slotcheck sends to a model, a service over HTTP, or a module of code. */
export const BotKindSchema = z.enum(['prompt', 'http', 'module']);
export type BotKind = z.infer<typeof BotKindSchema>;

/** A bot of a kind, as a sentence says it: "an HTTP bot". */
export const A_BOT_OF_KIND: Record<BotKind, string> = { prompt: 'a prompt bot', http: 'an HTTP bot', module: 'a module bot' };

/** `bots/<name>/bot.yaml` of a prompt bot (the default kind): the task and how to call its model. */
export const PromptBotFileSchema = z.strictObject({
  $schema: z.string().optional(),
  kind: z.literal('prompt').optional().describe('`prompt` (the default): slotcheck sends the system prompt in prompt.md to a model.'),
  description: z.string().default('').describe('What the bot is for, in a sentence; available to the prompt as `bot.description`.'),
  model: z.string().optional().describe('Model to use when `--model` is not given.'),
  temperature: z.number().min(0).max(2).default(0).describe('Sampling temperature of the bot\'s model.'),
  maxTokens: z.number().int().positive().optional().describe('The most tokens one bot reply may take.'),
  variables: z.record(z.string(), z.unknown()).default({}).describe('Extra values for the prompt template, available as `vars.<name>`.'),
  task: TaskSchema.describe('The task the bot serves: its slots and actions.'),
  toolResults: z.record(z.string(), z.unknown()).default({}).describe('What each simulated tool returns on success, by action name (default `{"status":"ok"}`).'),
  toolMocks: ToolMocksSchema.default({}).describe('Tools that answer by their arguments, in sequence, with failures or from saved state, by action name.'),
  baseURL: z.string().min(1).optional().describe('This bot\'s OpenAI-compatible endpoint (default: OPENAI_BASE_URL); `${VAR}` is read from the environment.'),
  apiKeyEnv: envVarName.optional().describe('The environment variable holding this bot\'s API key (default: OPENAI_API_KEY, sent only to the default endpoint).'),
});
export type PromptBotFile = z.infer<typeof PromptBotFileSchema>;

/** What a bot that is not a prompt (a service, code) declares besides its own settings. */
const ServiceFields = {
  $schema: z.string().optional(),
  description: z.string().default('').describe('What the bot is for, in a sentence.'),
  model: z.string().optional().describe('The model behind the bot, shown in reports (optional).'),
  task: TaskSchema.describe('The task the bot serves: its slots and actions.'),
};

/** `bot.yaml` of a bot behind an HTTP API: slotcheck posts each user turn and reads the bot's turn from the reply. */
export const HttpBotFileSchema = z.strictObject({
  ...ServiceFields,
  kind: z.literal('http').describe('`http`: a bot behind an HTTP API; slotcheck posts each user turn.'),
  http: HttpConfigSchema.describe('How to reach the bot and read its turn from the reply.'),
});

/** `bot.yaml` of a bot written in code: a JS/TS module exporting the `Bot` interface. */
export const ModuleBotFileSchema = z.strictObject({
  ...ServiceFields,
  kind: z.literal('module').describe('`module`: a bot written in code, a JS/TS module exporting the `Bot` interface.'),
  module: z.string().min(1).describe('The module, relative to the bot\'s folder: `./bot.js` (or .mjs, .ts).'),
  options: z.record(z.string(), z.unknown()).default({})
    .describe('Passed to a module that exports a factory (`export default function createBot({ options })`); `${VAR}` is read from the environment.'),
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
