import * as z from 'zod';
import type { Task } from '../bot/task.js';
import { DiskCache } from '../core/disk-cache.js';
import { contentHash } from '../core/hash.js';
import { loadTemplate } from '../core/template.js';
import type { ChatModel } from '../model/chat-model.js';
import { completeStructured } from '../model/structured.js';
import { withUsageMeter } from '../model/usage.js';
import type { ChatMessage, Conversation } from '../transcript/schema.js';
import type { MessageActs } from './acts.js';
import { answerSchemaFor, isTaggable, toMessageActs, type TaggerAnswer } from './llm-tagger-answer.js';
import type { TagContext, Tagger } from './tagger.js';

/** The template the prompt is rendered from, in `harness/templates/`. */
export const TAGGER_TEMPLATE = 'tagger.md.hbs';

export interface LlmTaggerOptions {
  model: ChatModel;
  /** The model name sent with each request. */
  modelName: string;
  /** Folder of the answer cache; nothing is cached when absent. */
  cacheDir?: string;
}

/** A cached answer: the model's validated answer, not the converted acts, so conversion fixes apply to old entries. */
const CacheEntrySchema = z.object({ schemaVersion: z.literal(1), model: z.string(), answer: z.unknown() });
type CacheEntry = z.infer<typeof CacheEntrySchema>;

/**
 * Tags a conversation with one model call: every message's acts in one JSON
 * answer, validated against the task (retried once when invalid). Answers are
 * cached by a hash of the exact prompt (template, task, messages, today) and
 * the model name, so re-analysing the same conversation costs no call.
 */
export function createLlmTagger(options: LlmTaggerOptions): Tagger {
  let render: Promise<(context: object) => string> | undefined;
  const cache = options.cacheDir ? new DiskCache<CacheEntry>(options.cacheDir) : undefined;
  return {
    id: 'llm',
    async tag(conversation: Conversation, context: TagContext, callOptions = {}): Promise<MessageActs> {
      if (!conversation.messages.some(isTaggable)) return toMessageActs({ messages: [] }, conversation, context.task);
      render ??= loadTemplate(TAGGER_TEMPLATE, { noEscape: true });
      const prompt = (await render)(promptData(conversation, context));
      const schema = answerSchemaFor(conversation, context.task);
      const key = contentHash({ cacheFormat: 1, model: options.modelName, prompt }, 40);
      const cached = await readCached(cache, key, schema);
      if (cached) return toMessageActs(cached, conversation, context.task);
      const model = callOptions.usage ? withUsageMeter(options.model, callOptions.usage) : options.model;
      const { value } = await completeStructured(
        model,
        { model: options.modelName, messages: [{ role: 'user', content: prompt }], temperature: 0 },
        schema,
        { role: 'tagger', ...(callOptions.signal ? { signal: callOptions.signal } : {}) },
      );
      await writeCached(cache, key, { schemaVersion: 1, model: options.modelName, answer: value });
      return toMessageActs(value, conversation, context.task);
    },
  };
}

/** A cache entry that no longer validates (edited, or from an older format) is a miss. */
async function readCached(cache: DiskCache<CacheEntry> | undefined, key: string, schema: z.ZodType<TaggerAnswer>): Promise<TaggerAnswer | undefined> {
  const entry = CacheEntrySchema.safeParse(await cache?.get(key));
  if (!entry.success) return undefined;
  const answer = schema.safeParse(entry.data.answer);
  return answer.success ? answer.data : undefined;
}

/** The cache only saves calls: an answer that cannot be stored (disk full, read-only folder) is still the answer. */
async function writeCached(cache: DiskCache<CacheEntry> | undefined, key: string, entry: CacheEntry): Promise<void> {
  try {
    await cache?.set(key, entry);
  } catch {
    // The next run asks the model again.
  }
}

/** What the template sees; every field present, because templates are strict. */
function promptData(conversation: Conversation, context: TagContext) {
  const task: Task = context.task;
  return {
    task: { name: task.name, description: task.description },
    today: context.today ?? null,
    slots: task.slots.map((s) => ({ name: s.name, description: s.description, type: s.type ?? null, values: s.values ?? null })),
    actions: task.actions.map((a) => ({ name: a.name, description: a.description, consequential: a.consequential })),
    messages: conversation.messages.map((message, index) => ({ index, speaker: speakerOf(message), text: textForPrompt(message), taggable: isTaggable(message) })),
    exampleSlot: task.slots[0]?.name ?? 'slot',
    exampleAction: task.actions.find((a) => a.consequential)?.name ?? task.actions[0]?.name ?? 'action',
  };
}

function speakerOf(message: ChatMessage): string {
  return message.role === 'assistant' ? 'Bot' : message.role === 'user' ? 'User' : message.role === 'tool' ? 'Tool result' : 'System';
}

/** One line per message; tool calls and results are shown, shortened, as context. */
function textForPrompt(message: ChatMessage): string {
  const text = (message.content ?? '').replace(/\s*\n\s*/g, ' ').trim();
  if (message.role === 'tool' || message.role === 'system') return shorten(text, 300);
  if (message.role !== 'assistant' || !message.tool_calls?.length) return text;
  const calls = message.tool_calls.map((c) => `[calls ${c.function.name} ${shorten(c.function.arguments, 300)}]`).join(' ');
  return [text, calls].filter(Boolean).join(' ');
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
