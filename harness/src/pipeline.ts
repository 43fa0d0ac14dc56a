import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createOfflineTagger } from './annotate/offline-tagger.js';
import type { Tagger } from './annotate/tagger.js';
import { contentHash } from './core/hash.js';
import { SlotcheckError } from './core/errors.js';
import type { EventListener } from './core/events.js';
import { resolveDetectors } from './detect/registry.js';
import { judgeConversation, toFailures } from './judge.js';
import type { FailureClass, Finding } from './detect/failure.js';
import type { ChatModel } from './model/chat-model.js';
import { finalizeRun } from './report/finalize.js';
import { resolveReporters } from './report/registry.js';
import { RunWriter } from './report/run-writer.js';
import type { RunMeta, RunSummary } from './report/summary.js';
import { simulateAndJudge, type JobContext } from './run-job.js';
import { loadSuite, type Suite } from './scenario/load.js';
import { withPrompt } from './bot/load.js';
import type { SimulatorKind } from './simulate/create-simulator.js';
import { planJobs, runJobs, type Job } from './simulate/runner.js';
import type { ConversationRecord } from './transcript/record.js';
import { openConversations, loadTaskFile } from './transcript/load.js';
import { loadLabels, scoreFailures, type LabelSet, type Metrics, type Predictions } from './evaluate/index.js';
import { writeFileAtomic } from './core/files.js';

/** I/O a pipeline needs, injected. */
export interface PipelineDeps {
  clock: () => Date;
  emit?: EventListener;
  signal?: AbortSignal;
  tagger?: Tagger;
  /** Shortens absolute paths in messages (relative to the project). */
  display?: (path: string) => string;
}

export interface RunSuiteOptions {
  scenarioPaths: string[];
  botsDir: string;
  reportsDir: string;
  outDir?: string;
  trials: number;
  concurrency: number;
  /** Overrides every bot's `model`. */
  modelName?: string;
  maxTurns?: number;
  conversationTimeoutMs: number;
  detectors?: string[];
  reporters?: string[];
  simulator?: SimulatorKind;
  /** Only these scenario ids (all when absent). */
  only?: string[];
  /** Prompt templates to use instead of the bots' prompt.md, by bot name (refine verifies patches this way). */
  promptOverrides?: Record<string, string>;
}

export interface PipelineResult {
  summary: RunSummary;
  outDir: string;
  /** Detector accuracy against the labels file, when one was given (also written to metrics.json). */
  metrics?: Metrics;
}

/** scenario → simulate → annotate → detect → report, one conversation at a time, results appended as they finish. */
export async function runSuite(options: RunSuiteOptions, model: ChatModel, deps: PipelineDeps): Promise<PipelineResult> {
  const suite = selectScenarios(await loadSuite({ paths: options.scenarioPaths, botsDir: options.botsDir, ...(deps.display ? { display: deps.display } : {}) }), options);
  const detectors = resolveDetectors(options.detectors);
  const reporters = resolveReporters(options.reporters);
  const tagger = deps.tagger ?? createOfflineTagger();
  const ctx: JobContext = {
    model, tagger, detectors, clock: deps.clock,
    modelNames: resolveModelNames(suite, options.modelName),
    promptHashes: new Map([...suite.bots.values()].map((bot) => [bot.name, contentHash(bot.promptSource)])),
    conversationTimeoutMs: options.conversationTimeoutMs,
    ...(options.simulator ? { simulator: options.simulator } : {}),
    ...(options.maxTurns ? { maxTurns: options.maxTurns } : {}),
    ...(deps.signal ? { signal: deps.signal } : {}),
  };
  const meta = runMeta(deps.clock(), 'run', {
    model: [...new Set(ctx.modelNames.values())].join(', '), endpoint: model.endpoint, tagger: tagger.id,
    detectors: detectors.map((d) => d.id), trials: options.trials,
    bots: [...ctx.promptHashes.entries()].map(([name, promptHash]) => ({ name, promptHash })),
  });
  const outDir = newOutDir(options.outDir ?? join(options.reportsDir, meta.runId));
  const writer = await RunWriter.create(outDir, meta);
  const jobs = planJobs(suite.scenarios, options.trials);
  deps.emit?.({ type: 'run-start', runId: meta.runId, outDir, total: jobs.length });
  await runJobs(jobs, options.concurrency, async (job: Job) => {
    deps.emit?.({ type: 'conversation-start', conversationId: job.conversationId, scenarioId: job.scenario.id, trial: job.trial });
    const { record, failures } = await simulateAndJudge(job, suite.bots.get(job.scenario.bot)!, ctx);
    await writer.write(record, failures);
    emitEnd(deps, record);
  }, deps.signal);
  await writer.close();
  return finish(outDir, meta, reporters, deps);
}

export interface AnalyzeOptions {
  file: string;
  taskFile?: string;
  reportsDir: string;
  outDir?: string;
  detectors?: string[];
  reporters?: string[];
  /** A labels JSONL file: score the detectors against it (metrics.json). */
  labelsFile?: string;
}

/** transcript → annotate → detect → report, for recorded conversations; → evaluate, when labels are given. */
export async function analyzeFile(options: AnalyzeOptions, deps: PipelineDeps): Promise<PipelineResult> {
  const display = deps.display ?? ((p: string) => p);
  const task = options.taskFile ? await loadTaskFile(options.taskFile, display) : undefined;
  const source = await openConversations(options.file, { ...(task ? { task } : {}), display });
  const labels = options.labelsFile ? await loadLabels(options.labelsFile, display) : undefined;
  const predictions = new Map<string, Finding[]>();
  const detectors = resolveDetectors(options.detectors);
  const reporters = resolveReporters(options.reporters);
  const tagger = deps.tagger ?? createOfflineTagger();
  const meta = runMeta(deps.clock(), 'analyze', { tagger: tagger.id, detectors: detectors.map((d) => d.id), bots: [] });
  const outDir = newOutDir(options.outDir ?? join(options.reportsDir, meta.runId));
  const writer = await RunWriter.create(outDir, meta);
  deps.emit?.({ type: 'run-start', runId: meta.runId, outDir, total: source.count });
  for await (const conversation of source.conversations()) {
    if (deps.signal?.aborted) break;
    const { userActs, today, ...plain } = conversation;
    const findings = await judgeConversation(plain, { task: conversation.task, ...(today ? { today } : {}), ...(userActs ? { userActs } : {}) }, tagger, detectors);
    if (labels) predictions.set(conversation.id, findings);
    const record: ConversationRecord = {
      schemaVersion: 1, ...plain, outcome: findings.length > 0 ? 'fail' : 'pass', failureClasses: [...new Set(findings.map((f) => f.class))],
      ...(today ? { today } : {}), ...(userActs ? { userActs } : {}),
    };
    await writer.write(record, toFailures(findings, conversation.id));
    emitEnd(deps, record);
  }
  await writer.close();
  const result = await finish(outDir, meta, reporters, deps);
  return labels ? { ...result, metrics: await evaluateRun(outDir, labels, predictions, detectors) } : result;
}

/** Scores the run's findings against the labels and writes metrics.json beside the other results. */
async function evaluateRun(outDir: string, labels: LabelSet, predictions: Predictions, detectors: readonly { id: FailureClass }[]): Promise<Metrics> {
  const metrics = scoreFailures(labels, predictions, detectors.map((d) => d.id));
  await writeFileAtomic(join(outDir, 'metrics.json'), `${JSON.stringify(metrics, null, 2)}\n`);
  return metrics;
}

async function finish(outDir: string, meta: RunMeta, reporters: ReturnType<typeof resolveReporters>, deps: PipelineDeps): Promise<PipelineResult> {
  const summary = await finalizeRun(outDir, meta, reporters, deps.clock());
  deps.emit?.({ type: 'run-end', runId: meta.runId, outDir, passed: summary.totals.passed, failed: summary.totals.failed, errors: summary.totals.errors });
  return { summary, outDir };
}

function emitEnd(deps: PipelineDeps, record: ConversationRecord): void {
  deps.emit?.({
    type: 'conversation-end', conversationId: record.id, outcome: record.outcome, failureClasses: record.failureClasses,
    ...(record.scenarioId ? { scenarioId: record.scenarioId } : {}), ...(record.trial ? { trial: record.trial } : {}),
    ...(record.error ? { error: record.error.message } : {}),
  });
}

function runMeta(startedAt: Date, kind: RunMeta['kind'], rest: Omit<RunMeta, 'runId' | 'kind' | 'startedAt'>): RunMeta {
  return { runId: newRunId(startedAt), kind, startedAt: startedAt.toISOString(), ...rest };
}

/** Applies `only` and `promptOverrides` to a loaded suite. */
function selectScenarios(suite: Suite, options: Pick<RunSuiteOptions, 'only' | 'promptOverrides'>): Suite {
  const bots = new Map(suite.bots);
  for (const [name, source] of Object.entries(options.promptOverrides ?? {})) {
    const bot = bots.get(name);
    if (!bot) throw new SlotcheckError('UNKNOWN_BOT', `prompt override for unknown bot "${name}" (known: ${[...bots.keys()].join(', ')})`);
    bots.set(name, withPrompt(bot, source, `${name} (patched prompt)`));
  }
  if (!options.only) return { scenarios: suite.scenarios, bots };
  const known = new Set(suite.scenarios.map((s) => s.id));
  const unknown = options.only.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new SlotcheckError('UNKNOWN_ID', `unknown scenario id${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (known: ${[...known].join(', ')})`);
  return { scenarios: suite.scenarios.filter((s) => options.only!.includes(s.id)), bots };
}

function resolveModelNames(suite: Suite, override: string | undefined): Map<string, string> {
  const names = new Map<string, string>();
  for (const bot of suite.bots.values()) {
    const name = override ?? bot.settings.model;
    if (!name) throw new SlotcheckError('MODEL_NOT_CONFIGURED', `no model for bot "${bot.name}": pass --model or set "model:" in ${bot.name}/bot.yaml`);
    names.set(bot.name, name);
  }
  return names;
}

/** A run folder must be new or empty: never mix two runs' results. */
function newOutDir(dir: string): string {
  if (existsSync(join(dir, 'transcripts.jsonl'))) throw new SlotcheckError('USAGE', `${dir} already holds a run; choose another --out or remove it`);
  return dir;
}

/** Sortable and unique: 20261124-211300-a1b2. */
export function newRunId(at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}
