import { join } from 'node:path';
import { existsSync, statSync } from 'node:fs';
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

/** Replayable readers over a run folder's JSONL files. */
export interface RunFiles {
  transcripts(): AsyncIterable<ConversationRecord>;
  failures(): AsyncIterable<Failure>;
}

/** Up to this size a file is parsed once and kept: the summary and every reporter read it again. */
const KEEP_UNDER_BYTES = 16 * 1024 * 1024;

/**
 * Readers for the summary and the reporters. A small file is parsed once and
 * served from memory; a large one is streamed from disk on every pass, so
 * memory stays flat in the number of conversations.
 */
export async function openRunFiles(outDir: string, keepUnderBytes = KEEP_UNDER_BYTES): Promise<RunFiles> {
  return {
    transcripts: await replayable(() => streamTranscripts(outDir), join(outDir, RUN_FILES.transcripts), keepUnderBytes),
    failures: await replayable(() => streamFailures(outDir), join(outDir, RUN_FILES.failures), keepUnderBytes),
  };
}

async function replayable<T>(stream: () => AsyncIterable<T>, path: string, keepUnderBytes: number): Promise<() => AsyncIterable<T>> {
  if (!existsSync(path) || statSync(path).size >= keepUnderBytes) return stream;
  const kept: T[] = [];
  for await (const item of stream()) kept.push(item);
  return async function* () {
    yield* kept;
  };
}
