import { join } from 'node:path';
import { SlotcheckError } from '../core/errors.js';
import { JsonlAppender, writeFileAtomic } from '../core/files.js';
import { lockNewFolder, whileLocked } from '../core/new-folder-lock.js';
import { finalizeRunWith, type FinalizedRun } from './finalize.js';
import type { FinalizeOptions } from './extras.js';
import type { Reporter } from './reporter.js';
import { readRunMeta } from './run-folder.js';
import { RUN_FILES, streamFailures, streamTranscripts } from './run-files.js';
import type { RunMeta, RunSummary } from './summary.js';

export interface MergeOptions {
  /** Run folders of the shards (or of runs of the same suite to combine). */
  dirs: string[];
  outDir: string;
  reporters: readonly Reporter[];
  /** Merge even when shards are missing (the result says how many conversations it lacks). */
  allowPartial?: boolean;
  /** Id of the merged run. */
  runId: string;
  /** History, guide links and baseline for the merged run, as a run has them. */
  finalize?: FinalizeOptions;
}

export interface MergeResult extends Omit<FinalizedRun, 'summary'> {
  summary: RunSummary;
  outDir: string;
  /** Conversations the complete run would hold that the merged one does not. */
  missing: number;
}

/**
 * Combines shard run folders into one run folder, then summarises and reports
 * it with `finalizeRunWith`, exactly as a run does (history, latest/ and baseline included). Every check happens before
 * anything is written: the shards must come from the same scenarios, prompts,
 * trials and detectors, no shard or conversation may appear twice, and no
 * shard may be missing unless `allowPartial`. Input folders are only read.
 */
export async function mergeRuns(options: MergeOptions, deps: { clock: () => Date; display?: (path: string) => string }): Promise<MergeResult> {
  const display = deps.display ?? ((p: string) => p);
  if (options.dirs.length === 0) throw new SlotcheckError('USAGE', 'merge needs at least one run folder');
  const metas = await Promise.all(options.dirs.map((dir) => readRunMeta(dir, display)));
  const planned = checkShards(options.dirs.map(display), metas, options.allowPartial ?? false);
  const idsByDir = await checkConversationIds(options.dirs, display);
  const meta = mergedMeta(metas, options.runId, planned);
  return whileLocked(lockNewFolder(options.outDir, 'merge', RUN_FILES.transcripts, display), async () => {
    await writeFileAtomic(join(options.outDir, RUN_FILES.run), `${JSON.stringify(meta, null, 2)}\n`);
    await copyFiles(options.dirs, idsByDir, options.outDir);
    const { summary, ...extras } = await finalizeRunWith(options.outDir, meta, options.reporters, deps.clock(), options.finalize);
    return { summary, ...extras, outDir: options.outDir, missing: Math.max(0, planned - summary.totals.conversations) };
  });
}

/** Returns how many conversations the complete run is planned to hold. */
function checkShards(dirs: string[], metas: RunMeta[], allowPartial: boolean): number {
  const first = metas[0]!;
  const signature = (m: RunMeta) => JSON.stringify([m.kind, m.plan?.suiteHash, m.trials, m.bots.map((b) => `${b.name}:${b.promptHash}:${b.definitionHash ?? ''}`).sort(), [...m.detectors].sort(), m.plan?.shard?.count]);
  metas.forEach((meta, i) => {
    if (meta.kind !== 'run' || !meta.plan) throw new SlotcheckError('RUN_INVALID', `${dirs[i]}: not a run of \`slotcheck run\`; only those can be merged`);
    if (signature(meta) !== signature(first)) {
      throw new SlotcheckError('RUN_INVALID', `${dirs[i]} and ${dirs[0]} are not shards of one run: their scenarios, bots (prompts or definitions), trials, detectors or shard counts differ`);
    }
  });
  const count = first.plan?.shard?.count ?? 1;
  const seen = new Map<number, string>();
  metas.forEach((meta, i) => {
    const index = meta.plan?.shard?.index ?? 1;
    const other = seen.get(index);
    if (other !== undefined) throw new SlotcheckError('RUN_INVALID', `shard ${index}/${count} given twice: ${other} and ${dirs[i]}`);
    seen.set(index, dirs[i]!);
  });
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((index) => !seen.has(index));
  if (missing.length > 0 && !allowPartial) {
    throw new SlotcheckError('RUN_INVALID', `shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} missing; pass every shard's folder (or --allow-partial)`);
  }
  const perShard = metas.reduce((n, m) => n + (m.plan?.conversations ?? 0), 0);
  return missing.length === 0 ? perShard : perShard + Math.round((perShard / metas.length) * missing.length);
}

/** The conversation ids each folder holds; an id in two folders is an error (the shards overlap). */
async function checkConversationIds(dirs: string[], display: (p: string) => string): Promise<Array<Set<string>>> {
  const owner = new Map<string, string>();
  const result: Array<Set<string>> = [];
  for (const dir of dirs) {
    const ids = new Set<string>();
    for await (const record of streamTranscripts(dir)) {
      const other = owner.get(record.id);
      if (other !== undefined && other !== dir) throw new SlotcheckError('RUN_INVALID', `conversation "${record.id}" is in both ${display(other)} and ${display(dir)}`);
      owner.set(record.id, dir);
      ids.add(record.id);
    }
    result.push(ids);
  }
  return result;
}

function mergedMeta(metas: RunMeta[], runId: string, planned: number): RunMeta {
  const first = metas[0]!;
  const startedAt = metas.map((m) => m.startedAt).sort()[0]!;
  const { shard: _shard, ...plan } = first.plan!;
  return { ...first, runId, startedAt, plan: { ...plan, conversations: planned } };
}

/** Streams each folder's transcripts, then the failures of conversations it holds (a truncated tail is skipped). */
async function copyFiles(dirs: string[], idsByDir: Array<Set<string>>, outDir: string): Promise<void> {
  const transcripts = await JsonlAppender.open(join(outDir, RUN_FILES.transcripts));
  const failures = await JsonlAppender.open(join(outDir, RUN_FILES.failures));
  for (const [i, dir] of dirs.entries()) {
    const ids = idsByDir[i]!;
    for await (const record of streamTranscripts(dir)) if (ids.has(record.id)) await transcripts.append(record);
    for await (const failure of streamFailures(dir)) if (ids.has(failure.conversationId)) await failures.append(failure);
  }
  await transcripts.close();
  await failures.close();
}
