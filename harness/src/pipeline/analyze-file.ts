import { join } from 'node:path';
import { createOfflineTagger } from '../annotate/offline-tagger.js';
import { writeFileAtomic } from '../core/files.js';
import { UsageMeter } from '../model/usage.js';
import type { FailureClass, Finding } from '../detect/failure.js';
import { resolveDetectors } from '../detect/registry.js';
import { checkLabelIndices, loadLabels, scoreFailures, type LabelSet, type Metrics, type Predictions } from '../evaluate/index.js';
import { judgeImported, toFailures, type JudgeResult } from './judge.js';
import { finalizeOptionsFor, type ReportSettings } from '../report/extras.js';
import { resolveReporters } from '../report/registry.js';
import { RunWriter } from '../report/run-writer.js';
import { emitEnd, finish, writerOptions, type PipelineDeps, type PipelineResult } from './run-output.js';
import { lockNewFolder, whileLocked } from '../core/new-folder-lock.js';
import { RUN_FILES } from '../report/run-files.js';
import { runMeta } from './run-setup.js';
import type { ConversationRecord } from '../transcript/record.js';
import { openConversations, loadTaskFile, type ImportedConversation } from '../transcript/load.js';

export interface AnalyzeOptions {
  file: string;
  taskFile?: string;
  reportsDir: string;
  outDir?: string;
  detectors?: string[];
  reporters?: string[];
  report?: ReportSettings;
  /** A labels JSONL file: score the detectors against it (metrics.json). */
  labelsFile?: string;
}

/** transcript → annotate → detect → report, for recorded conversations; → evaluate, when labels are given. */
export async function analyzeFile(options: AnalyzeOptions, deps: PipelineDeps): Promise<PipelineResult> {
  const display = deps.display ?? ((p: string) => p);
  const task = options.taskFile ? await loadTaskFile(options.taskFile, display) : undefined;
  const source = await openConversations(options.file, { ...(task ? { task } : {}), display });
  const labels = options.labelsFile ? await loadLabels(options.labelsFile, display) : undefined;
  if (labels) checkLabelIndices(labels, source.messageCounts);
  const detectors = resolveDetectors(options.detectors);
  const reporters = resolveReporters(options.reporters);
  const finalizeOptions = await finalizeOptionsFor(options.report, 'analyze', deps.display);
  const tagger = deps.tagger ?? createOfflineTagger();
  const meta = runMeta(deps.clock(), 'analyze', { tagger: tagger.id, detectors: detectors.map((d) => d.id), bots: [] });
  const outDir = options.outDir ?? join(options.reportsDir, meta.runId);
  return whileLocked(lockNewFolder(outDir, 'analyze', RUN_FILES.transcripts, deps.display), async () => {
    const writer = await RunWriter.create(outDir, meta, writerOptions(deps));
    const predictions = new Map<string, Finding[]>();
    deps.emit?.({ type: 'run-start', runId: meta.runId, outDir, total: source.count });
    try {
      for await (const conversation of source.conversations()) {
        if (deps.signal?.aborted) break;
        const usage = new UsageMeter();
        const { findings, error } = await judgeImported(conversation, tagger, detectors, deps.signal, usage);
        if (labels && !error) predictions.set(conversation.id, findings);
        const record = { ...recordOf(conversation, findings, error), ...(usage.empty ? {} : { usage: usage.usage }) };
        await writer.write(record, toFailures(findings, conversation.id));
        emitEnd(deps, record);
      }
    } finally {
      await writer.close();
    }
    const result = { ...(await finish(outDir, meta, reporters, deps, finalizeOptions)), missing: 0 };
    return labels ? { ...result, metrics: await evaluateRun(outDir, labels, predictions, detectors) } : result;
  });
}

function recordOf(conversation: ImportedConversation, findings: Finding[], error: JudgeResult['error']): ConversationRecord {
  const { userActs, today, ...plain } = conversation;
  return {
    schemaVersion: 1, ...plain, outcome: error ? 'error' : findings.length > 0 ? 'fail' : 'pass', failureClasses: [...new Set(findings.map((f) => f.class))],
    ...(today ? { today } : {}), ...(userActs ? { userActs } : {}), ...(error ? { error } : {}),
  };
}

/** Scores the run's findings against the labels and writes metrics.json beside the other results. */
async function evaluateRun(outDir: string, labels: LabelSet, predictions: Predictions, detectors: readonly { id: FailureClass }[]): Promise<Metrics> {
  const metrics = scoreFailures(labels, predictions, detectors.map((d) => d.id));
  await writeFileAtomic(join(outDir, 'metrics.json'), `${JSON.stringify(metrics, null, 2)}\n`);
  return metrics;
}
