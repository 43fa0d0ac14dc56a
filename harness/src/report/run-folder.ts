import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod';
import { SlotcheckError } from '../core/errors.js';
import { readJsonl, JsonlSyntaxError } from '../core/files.js';
import { parseLocated } from '../core/located-parse.js';
import { ConversationRecordSchema } from '../transcript/record.js';
import { RUN_FILES } from './run-files.js';
import { SnapshotBuilder, type RunSnapshot } from './snapshot.js';
import { RunMetaSchema, type RunMeta } from './summary.js';

/** What comparing needs of a transcript line. */
const ComparedRecordSchema = ConversationRecordSchema.pick({ id: true, scenarioId: true, outcome: true, failureClasses: true });

/** A run folder read for comparison: its metadata and snapshot. */
export interface LoadedRun {
  dir: string;
  meta: RunMeta;
  snapshot: RunSnapshot;
}

/**
 * Reads a run folder (run.json + transcripts.jsonl) into a snapshot,
 * validating at the edge: anything that is not a run is RUN_INVALID (exit 2).
 */
export async function loadRunFolder(dir: string, display: (path: string) => string = (p) => p): Promise<LoadedRun> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new SlotcheckError('INPUT_NOT_FOUND', `${display(dir)}: no such run folder`);
  const metaPath = join(dir, RUN_FILES.run);
  const transcriptsPath = join(dir, RUN_FILES.transcripts);
  if (!existsSync(metaPath) || !existsSync(transcriptsPath)) {
    throw new SlotcheckError('RUN_INVALID', `${display(dir)} is not a run folder (it needs ${RUN_FILES.run} and ${RUN_FILES.transcripts}, as \`slotcheck run\` or \`analyze\` writes them)`);
  }
  const meta = await readRunMeta(dir, display);
  const builder = new SnapshotBuilder(meta.kind);
  try {
    for await (const { line, value } of readJsonl(transcriptsPath, { tolerateTruncatedTail: true })) {
      const parsed = ComparedRecordSchema.safeParse(value);
      if (!parsed.success) throw new SlotcheckError('RUN_INVALID', `${display(transcriptsPath)}:${line}: not a transcript line: ${z.prettifyError(parsed.error)}`);
      builder.add(parsed.data);
    }
  } catch (error) {
    if (error instanceof JsonlSyntaxError) throw new SlotcheckError('RUN_INVALID', `${display(transcriptsPath)}:${error.line}: ${error.reason}`);
    throw error;
  }
  return { dir, meta, snapshot: builder.build() };
}

/** Reads and validates a run folder's run.json. */
export async function readRunMeta(dir: string, display: (path: string) => string = (p) => p): Promise<RunMeta> {
  const path = join(dir, RUN_FILES.run);
  if (!existsSync(path)) throw new SlotcheckError('RUN_INVALID', `${display(dir)}: not a run folder (no ${RUN_FILES.run})`);
  return parseLocated(await readFile(path, 'utf8'), display(path), RunMetaSchema, 'RUN_INVALID');
}
