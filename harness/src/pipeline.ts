import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createOfflineTagger, taskModel } from './annotate/offline-tagger.js';
import type { Tagger } from './annotate/tagger.js';
import type { Bot } from './bot/schema.js';
import { contentHash } from './core/hash.js';
import { SlotcheckError } from './core/errors.js';
import type { EventListener } from './core/events.js';
import { resolveDetectors } from './detect/registry.js';
import type { Detector } from './detect/detector.js';
import { judgeConversation, toFailures } from './judge.js';
import type { ChatModel } from './model/chat-model.js';
import { RunWriter } from './report/run-writer.js';
import type { RunSummary } from './report/summary.js';
import { loadSuite, type Suite } from './scenario/load.js';
import { expectedArgs } from './scenario/goal.js';
import { simulateConversation } from './simulate/conversation.js';
import { createSimulator, simulatorKindFor, type SimulatorKind } from './simulate/create-simulator.js';
import { planJobs, runJobs, type Job } from './simulate/runner.js';
import type { ConversationRecord } from './transcript/record.js';
import { openConversations, loadTaskFile } from './transcript/load.js';

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
  simulator?: SimulatorKind;
}

export interface PipelineResult {
  summary: RunSummary;
  outDir: string;
}

/** scenario → simulate → annotate → detect → report, streaming one conversation at a time. */
export async function runSuite(options: RunSuiteOptions, model: ChatModel, deps: PipelineDeps): Promise<PipelineResult> {
  const suite = await loadSuite({ paths: options.scenarioPaths, botsDir: options.botsDir, ...(deps.display ? { display: deps.display } : {}) });
  const detectors = resolveDetectors(options.detectors);
  const modelNames = resolveModelNames(suite, options.modelName);
  const startedAt = deps.clock();
  const runId = newRunId(startedAt);
  const outDir = prepareOutDir(options.outDir ?? join(options.reportsDir, runId));
  const writer = await RunWriter.create(outDir);
  const jobs = planJobs(suite.scenarios, options.trials);
  const tagger = deps.tagger ?? createOfflineTagger();
  deps.emit?.({ type: 'run-start', runId, outDir, total: jobs.length });
  const prompts = new Map<string, string>();
  const handle = async (job: Job) => {
    const bot = suite.bots.get(job.scenario.bot)!;
    const today = job.scenario.today ?? isoDate(deps.clock());
    const systemPrompt = bot.renderPrompt({ today });
    prompts.set(bot.name, contentHash(systemPrompt));
    deps.emit?.({ type: 'conversation-start', conversationId: job.conversationId, scenarioId: job.scenario.id, trial: job.trial });
    const record = await simulateAndJudge(job, bot, systemPrompt, today, { model, modelName: modelNames.get(bot.name)!, tagger, detectors, options, deps });
    await writer.write(record.record, record.failures, job.scenario.id);
    deps.emit?.({ type: 'conversation-end', conversationId: job.conversationId, scenarioId: job.scenario.id, trial: job.trial, outcome: record.record.outcome, failureClasses: record.record.failureClasses, ...(record.record.error ? { error: record.record.error.message } : {}) });
  };
  await runJobs(jobs, options.concurrency, handle, deps.signal);
  const summary = await writer.finish(
    {
      runId,
      kind: 'run',
      startedAt: startedAt.toISOString(),
      model: [...new Set(modelNames.values())].join(', '),
      endpoint: model.endpoint,
      tagger: tagger.id,
      detectors: detectors.map((d) => d.id),
      trials: options.trials,
      bots: [...prompts.entries()].map(([name, promptHash]) => ({ name, promptHash })),
    },
    deps.clock(),
  );
  deps.emit?.({ type: 'run-end', runId, outDir, passed: summary.totals.passed, failed: summary.totals.failed, errors: summary.totals.errors });
  return { summary, outDir };
}

interface JobContext {
  model: ChatModel;
  modelName: string;
  tagger: Tagger;
  detectors: Detector[];
  options: RunSuiteOptions;
  deps: PipelineDeps;
}

async function simulateAndJudge(job: Job, bot: Bot, systemPrompt: string, today: string, ctx: JobContext) {
  const started = Date.now();
  const signals = [AbortSignal.timeout(ctx.options.conversationTimeoutMs), ...(ctx.deps.signal ? [ctx.deps.signal] : [])];
  const signal = AbortSignal.any(signals);
  const kind = simulatorKindFor(job.scenario, ctx.options.simulator);
  const tm = taskModel(bot.task, today);
  const maxTurns = ctx.options.maxTurns ?? job.scenario.expect.maxTurns;
  const simulated = await simulateConversation({
    scenario: job.scenario, bot, systemPrompt, modelName: ctx.modelName, model: ctx.model,
    simulator: createSimulator(job.scenario, bot, tm, kind), taskModel: tm, maxTurns, signal,
  });
  const conversation = { id: job.conversationId, task: bot.task, messages: simulated.messages };
  const findings = simulated.error
    ? []
    : await judgeConversation(conversation, {
        task: bot.task, today, userActs: simulated.userActs, expect: job.scenario.expect,
        ...(expectedArgs(job.scenario, bot.task) ? { expectedArgs: expectedArgs(job.scenario, bot.task)! } : {}),
        endedByBudget: simulated.endReason === 'turn-budget',
      }, ctx.tagger, ctx.detectors);
  const failures = toFailures(findings, job.conversationId, { scenarioId: job.scenario.id, trial: job.trial });
  const record: ConversationRecord = {
    schemaVersion: 1,
    ...conversation,
    outcome: simulated.error ? 'error' : findings.length > 0 ? 'fail' : 'pass',
    failureClasses: [...new Set(findings.map((f) => f.class))],
    scenarioId: job.scenario.id, trial: job.trial, bot: bot.name, model: ctx.modelName,
    promptHash: contentHash(systemPrompt), today, simulator: kind, userActs: simulated.userActs,
    endReason: simulated.endReason, ...(simulated.error ? { error: simulated.error } : {}),
    modelCalls: simulated.modelCalls, durationMs: Date.now() - started,
  };
  return { record, failures };
}

export interface AnalyzeOptions {
  file: string;
  taskFile?: string;
  reportsDir: string;
  outDir?: string;
  detectors?: string[];
}

/** transcript → annotate → detect → report, for recorded conversations. */
export async function analyzeFile(options: AnalyzeOptions, deps: PipelineDeps): Promise<PipelineResult> {
  const display = deps.display ?? ((p: string) => p);
  const task = options.taskFile ? await loadTaskFile(options.taskFile, display) : undefined;
  const source = await openConversations(options.file, { ...(task ? { task } : {}), display });
  const detectors = resolveDetectors(options.detectors);
  const tagger = deps.tagger ?? createOfflineTagger();
  const startedAt = deps.clock();
  const runId = newRunId(startedAt);
  const outDir = prepareOutDir(options.outDir ?? join(options.reportsDir, runId));
  const writer = await RunWriter.create(outDir);
  deps.emit?.({ type: 'run-start', runId, outDir, total: source.count });
  for await (const conversation of source.conversations()) {
    if (deps.signal?.aborted) break;
    const { userActs, today, ...plain } = conversation;
    const findings = await judgeConversation(plain, { task: conversation.task, ...(today ? { today } : {}), ...(userActs ? { userActs } : {}) }, tagger, detectors);
    const record: ConversationRecord = { schemaVersion: 1, ...plain, outcome: findings.length > 0 ? 'fail' : 'pass', failureClasses: [...new Set(findings.map((f) => f.class))], ...(today ? { today } : {}), ...(userActs ? { userActs } : {}) };
    await writer.write(record, toFailures(findings, conversation.id), conversation.task.name);
    deps.emit?.({ type: 'conversation-end', conversationId: conversation.id, outcome: record.outcome, failureClasses: record.failureClasses });
  }
  const summary = await writer.finish(
    { runId, kind: 'analyze', startedAt: startedAt.toISOString(), tagger: tagger.id, detectors: detectors.map((d) => d.id), bots: [] },
    deps.clock(),
  );
  deps.emit?.({ type: 'run-end', runId, outDir, passed: summary.totals.passed, failed: summary.totals.failed, errors: summary.totals.errors });
  return { summary, outDir };
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
function prepareOutDir(dir: string): string {
  if (existsSync(join(dir, 'transcripts.jsonl'))) {
    throw new SlotcheckError('USAGE', `${dir} already holds a run; choose another --out or remove it`);
  }
  return dir;
}

/** Sortable and unique: 20261124-211300-a1b2. */
export function newRunId(at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}

function isoDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}
