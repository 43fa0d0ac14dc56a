import { existsSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { readTextFile } from '../core/text-file.js';
import { extname } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import * as z from 'zod';
import { ActSchema } from '../annotate/acts.js';
import { TaskSchema, type Task } from '../bot/task.js';
import { SlotcheckError } from '../core/errors.js';
import { JsonlSyntaxError, readJsonl } from '../core/files.js';
import { parseLocatedDocument, validateRecord } from '../core/located-parse.js';
import { checkImportedConversation } from './check-conversation.js';
import { ChatMessageSchema, ConversationSchema, ToolCallSchema, type ChatMessage } from './schema.js';

/** An imported conversation: the SGD transcript format, plus slotcheck's own fields when re-analysing a run. */
export const ImportedConversationSchema = ConversationSchema.extend({
  userActs: z.record(z.string(), z.array(ActSchema)).optional(),
  today: z.string().optional(),
});
export type ImportedConversation = z.infer<typeof ImportedConversationSchema> & { task: Task };

/** Conversations validated up front, then streamed: bad input fails before anything is written. */
export interface ConversationSource {
  count: number;
  /** Messages per conversation id (labels are checked against them). */
  messageCounts: ReadonlyMap<string, number>;
  conversations(): AsyncIterable<ImportedConversation>;
}

/** Opens a JSONL or CSV file of conversations, validating every record and that each has a task. */
export async function openConversations(path: string, options: { task?: Task; display?: (p: string) => string } = {}): Promise<ConversationSource> {
  const file = (options.display ?? ((p: string) => p))(path);
  if (!existsSync(path)) throw new SlotcheckError('INPUT_NOT_FOUND', `${file}: no such file`);
  if (statSync(path).isDirectory()) throw new SlotcheckError('USAGE', `${file}: is a folder; analyze reads one .jsonl or .csv file (of a run folder: its transcripts.jsonl)`);
  if (extname(path).toLowerCase() === '.csv') return csvSource(path, file, options.task);
  return jsonlSource(path, file, options.task);
}

// Up to this size the records validated up front are kept for the run, rather than read and validated a second time.
const KEEP_IN_MEMORY_BYTES = 32 * 1024 * 1024;

async function jsonlSource(path: string, file: string, task: Task | undefined): Promise<ConversationSource> {
  let count = 0;
  const ids = new Map<string, number>();
  const messageCounts = new Map<string, number>();
  const keep = (await stat(path)).size <= KEEP_IN_MEMORY_BYTES;
  const kept: ImportedConversation[] = [];
  for await (const record of readRecords(path, file, task)) {
    const previous = ids.get(record.conversation.id);
    if (previous !== undefined) throw new SlotcheckError('DUPLICATE_ID', `${file}:${record.line}: conversation id "${record.conversation.id}" already used on line ${previous}`, { location: { file, line: record.line } });
    ids.set(record.conversation.id, record.line);
    messageCounts.set(record.conversation.id, record.conversation.messages.length);
    count += 1;
    if (keep) kept.push(record.conversation);
  }
  if (count === 0) throw new SlotcheckError('TRANSCRIPT_INVALID', `${file}: no conversations`);
  return {
    count,
    messageCounts,
    async *conversations() {
      if (keep) yield* kept;
      else for await (const record of readRecords(path, file, task)) yield record.conversation;
    },
  };
}

async function* readRecords(path: string, file: string, task: Task | undefined) {
  try {
    for await (const { line, value } of readJsonl(path)) {
      const parsed = validateRecord(value, ImportedConversationSchema, { file, line }, 'TRANSCRIPT_INVALID');
      const conversation = withTask(parsed, task, file, line);
      checkImportedConversation(conversation, file, () => line);
      yield { line, conversation };
    }
  } catch (error) {
    if (error instanceof JsonlSyntaxError) throw new SlotcheckError('TRANSCRIPT_INVALID', `${file}:${error.line}: ${error.reason}`, { location: { file, line: error.line } });
    throw error;
  }
}

function withTask(conversation: z.infer<typeof ImportedConversationSchema>, task: Task | undefined, file: string, line: number): ImportedConversation {
  const resolved = conversation.task ?? task;
  if (!resolved) {
    throw new SlotcheckError('TRANSCRIPT_INVALID', `${file}:${line}: conversation "${conversation.id}" has no "task"; pass --task FILE with the bot's task`, { location: { file, line, field: 'task' } });
  }
  return { ...conversation, task: resolved };
}

const CsvRowSchema = z.object({
  conversation_id: z.string().min(1),
  role: z.enum(['system', 'user', 'assistant', 'tool']),
  content: z.string(),
  tool_calls: z.string().optional(),
  tool_call_id: z.string().optional(),
});

/** CSV with `conversation_id, role, content` (optionally `tool_calls` as JSON and `tool_call_id`). */
async function csvSource(path: string, file: string, task: Task | undefined): Promise<ConversationSource> {
  const text = readTextFile(path, file, 'TRANSCRIPT_INVALID');
  let rows: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    rows = parseCsv(text, { columns: true, skip_empty_lines: true, trim: false, info: true, bom: true });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new SlotcheckError('TRANSCRIPT_INVALID', `${file}:${line ?? 1}: ${(error as Error).message}`, { location: { file, line: line ?? 1 } });
  }
  const grouped = new Map<string, { lines: number[]; messages: ChatMessage[] }>();
  for (const { record, info } of rows) {
    const row = validateRecord(record, CsvRowSchema, { file, line: info.lines }, 'TRANSCRIPT_INVALID');
    let entry = grouped.get(row.conversation_id);
    if (!entry) grouped.set(row.conversation_id, (entry = { lines: [], messages: [] }));
    entry.messages.push(csvMessage(row, file, info.lines));
    entry.lines.push(info.lines);
  }
  if (grouped.size === 0) throw new SlotcheckError('TRANSCRIPT_INVALID', `${file}: no conversations`);
  const conversations = [...grouped.entries()].map(([id, g]) => {
    const conversation = withTask({ id, messages: g.messages }, task, file, g.lines[0]!);
    checkImportedConversation(conversation, file, (i) => g.lines[i] ?? g.lines[0]!);
    return conversation;
  });
  return {
    count: conversations.length,
    messageCounts: new Map(conversations.map((c) => [c.id, c.messages.length])),
    async *conversations() {
      yield* conversations;
    },
  };
}

/** The `tool_calls` cell: a JSON array of calls as the OpenAI format writes them. */
const CsvToolCallsSchema = z.object({ tool_calls: z.array(ToolCallSchema, { error: 'expected a JSON array of {"id", "type": "function", "function": {"name", "arguments"}}' }) });

function csvMessage(row: z.infer<typeof CsvRowSchema>, file: string, line: number): ChatMessage {
  let toolCalls: unknown;
  if (row.tool_calls) {
    try {
      toolCalls = JSON.parse(row.tool_calls);
    } catch {
      throw new SlotcheckError('TRANSCRIPT_INVALID', `${file}:${line}: field "tool_calls": not valid JSON`, { location: { file, line, field: 'tool_calls' } });
    }
  }
  const message = {
    role: row.role,
    content: row.role === 'assistant' && row.content === '' && toolCalls ? null : row.content,
    ...(toolCalls ? validateRecord({ tool_calls: toolCalls }, CsvToolCallsSchema, { file, line }, 'TRANSCRIPT_INVALID') : {}),
    ...(row.tool_call_id ? { tool_call_id: row.tool_call_id } : {}),
  };
  return validateRecord(message, ChatMessageSchema, { file, line }, 'TRANSCRIPT_INVALID');
}

/** Reads a task from a YAML/JSON file: a task, or a bot.yaml holding one under `task`. */
export async function loadTaskFile(path: string, display: (p: string) => string = (p) => p): Promise<Task> {
  const file = display(path);
  if (!existsSync(path)) throw new SlotcheckError('INPUT_NOT_FOUND', `${file}: no such file`);
  const doc = parseLocatedDocument(readTextFile(path, file, 'BOT_INVALID'), file, 'BOT_INVALID');
  const value = doc.value as Record<string, unknown> | null;
  if (value && typeof value === 'object' && 'task' in value) return doc.check(z.object({ task: TaskSchema }).loose()).task;
  return doc.check(TaskSchema);
}
