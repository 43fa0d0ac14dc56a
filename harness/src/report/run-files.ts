import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { readJsonl } from '../core/files.js';
import type { Failure } from '../detect/failure.js';
import type { ConversationRecord } from '../transcript/record.js';

/** The files of a run folder, by name. */
export const RUN_FILES = {
  run: 'run.json',
  transcripts: 'transcripts.jsonl',
  failures: 'failures.jsonl',
  summary: 'summary.json',
} as const;

/**
 * Streams a run folder's JSONL file. A truncated last line (a run killed
 * mid-write) is skipped: the conversation it held did not complete.
 */
export async function* streamRunFile<T>(outDir: string, file: string): AsyncGenerator<T> {
  const path = join(outDir, file);
  if (!existsSync(path)) return;
  for await (const { value } of readJsonl(path, { tolerateTruncatedTail: true })) yield value as T;
}

export const streamTranscripts = (outDir: string) => streamRunFile<ConversationRecord>(outDir, RUN_FILES.transcripts);
export const streamFailures = (outDir: string) => streamRunFile<Failure>(outDir, RUN_FILES.failures);
