import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { JsonlAppender, writeFileAtomic, type WriteSyncFn } from '../core/files.js';
import type { Failure } from '../detect/failure.js';
import type { ConversationRecord } from '../transcript/record.js';
import { RUN_FILES } from './run-files.js';
import type { RunMeta } from './summary.js';

/**
 * Appends to a run folder as conversations finish: each conversation and its
 * failures are written at once, so an interrupted run keeps every
 * conversation it completed. `finalizeRun` turns the folder into reports.
 */
export class RunWriter {
  private constructor(
    readonly outDir: string,
    private readonly transcripts: JsonlAppender,
    private readonly failures: JsonlAppender,
  ) {}

  /** Creates the folder and records the run's metadata in run.json. */
  static async create(outDir: string, meta: RunMeta, options: { writeSync?: WriteSyncFn } = {}): Promise<RunWriter> {
    await mkdir(outDir, { recursive: true });
    await writeFileAtomic(join(outDir, RUN_FILES.run), `${JSON.stringify(meta, null, 2)}\n`);
    return RunWriter.reopen(outDir, options);
  }

  /** Opens an existing run folder to append to (after `repairRunFolder`); run.json is kept as it is. */
  static async reopen(outDir: string, options: { writeSync?: WriteSyncFn } = {}): Promise<RunWriter> {
    return new RunWriter(outDir, await JsonlAppender.open(join(outDir, RUN_FILES.transcripts), options), await JsonlAppender.open(join(outDir, RUN_FILES.failures), options));
  }

  /**
   * Appends one judged conversation: its failures first, then its transcript
   * line, which is what marks it done. A kill between the two leaves failures
   * of an unrecorded conversation, which `repairRunFolder` drops.
   */
  async write(record: ConversationRecord, failures: readonly Failure[]): Promise<void> {
    await this.failures.appendAll(failures);
    await this.transcripts.append(record);
  }

  async close(): Promise<void> {
    await this.transcripts.close();
    await this.failures.close();
  }
}
