import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { JsonlAppender, truncatePartialLine } from '../core/files.js';
import { RUN_FILES, streamFailures, streamTranscripts } from './run-files.js';

/**
 * Makes a run folder safe to append to after a crash or a kill: cuts a
 * partial last line off both files, and drops failures of conversations whose
 * transcript line was never written. Returns the ids of the recorded
 * conversations: the ones a resumed run must not play again.
 */
export async function repairRunFolder(dir: string): Promise<Set<string>> {
  const transcripts = join(dir, RUN_FILES.transcripts);
  const failures = join(dir, RUN_FILES.failures);
  if (existsSync(transcripts)) await truncatePartialLine(transcripts);
  if (existsSync(failures)) await truncatePartialLine(failures);
  const done = new Set<string>();
  for await (const record of streamTranscripts(dir)) done.add(record.id);
  if (await hasOrphanFailures(dir, done)) await rewriteFailures(dir, done);
  return done;
}

async function hasOrphanFailures(dir: string, done: ReadonlySet<string>): Promise<boolean> {
  for await (const failure of streamFailures(dir)) if (!done.has(failure.conversationId)) return true;
  return false;
}

/** Streams the kept failures to a temporary file, then swaps it in (atomic on one file system). */
async function rewriteFailures(dir: string, keep: ReadonlySet<string>): Promise<void> {
  const temp = join(dir, `.${RUN_FILES.failures}.tmp`);
  await rm(temp, { force: true });
  const out = await JsonlAppender.open(temp);
  for await (const failure of streamFailures(dir)) if (keep.has(failure.conversationId)) await out.append(failure);
  await out.close();
  await rename(temp, join(dir, RUN_FILES.failures));
}
