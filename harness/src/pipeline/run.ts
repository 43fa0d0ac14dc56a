import { setMaxListeners } from 'node:events';
import { join } from 'node:path';
import { TaskModelCache, createOfflineTagger } from '../annotate/offline-tagger.js';
import { contentHash } from '../core/hash.js';
import { SlotcheckError } from '../core/errors.js';
import { resolveDetectors } from '../detect/registry.js';
import type { ChatModel } from '../model/chat-model.js';
import { isModelPool, singleModelPool, type ModelPool } from '../model/model-pool-interface.js';
import { totalTokens } from '../model/usage.js';
import type { Env } from '../bot/env-vars.js';
import { closeBots, connectBots, promptHashOf } from './connect-bots.js';
import { finalizeOptionsFor, type FinalizeOptions, type ReportSettings } from '../report/extras.js';
import { resolveReporters } from '../report/registry.js';
import type { Reporter } from '../report/reporter.js';
import { readRunMeta } from '../report/run-folder.js';
import { repairRunFolder } from '../report/run-repair.js';
import { RunWriter } from '../report/run-writer.js';
import type { RunMeta, RunPlan } from '../report/summary.js';
import { simulateAndJudge, type JobContext } from './run-job.js';
import { emitEnd, finish, resumable, writerOptions, type PipelineDeps, type PipelineResult } from './run-output.js';
import { assertSameRun } from './resume-checks.js';
import { lockNewFolder, whileLocked } from '../core/new-folder-lock.js';
import { RUN_FILES } from '../report/run-files.js';
import { lockFolder } from '../core/folder-lock.js';
import { checkSimulatorFits, runMeta, selectScenarios, storedPath, suitePathsOf, suiteHash } from './run-setup.js';
import { loadSuite, type Suite } from '../scenario/load.js';
import { suiteCoverage } from '../coverage/suite-coverage.js';
import { policyLookup } from './coverage.js';
import { simulatorKindFor, type SimulatorKind } from '../simulate/create-simulator.js';
import { planJobs, runJobs, type Job } from '../simulate/runner.js';
import { conversationsInFlight, staggerHandicaps } from '../simulate/schedule.js';
import { inShard, type Shard } from '../simulate/shard.js';

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
  /** The most tool calls the bot may chain without a user turn (default 3; 0: a tool result is not answered). */
  maxToolRounds?: number;
  conversationTimeoutMs: number;
  detectors?: string[];
  reporters?: string[];
  simulator?: SimulatorKind;
  /** Model name of the LLM user simulator (default: the bot's model). */
  simulatorModel?: string;
  /** Only these scenario ids (all when absent). */
  only?: string[];
  /** Only scenarios with any of these tags (all when absent). */
  tags?: string[];
  /** Prompt templates to use instead of the bots' prompt.md, by bot name (refine verifies patches this way). */
  promptOverrides?: Record<string, string>;
  /** History, guide links and baseline comparison (none of them when absent). */
  report?: ReportSettings;
  /** Run only this shard of scenario × trial. */
  shard?: Shard;
  /** The project folder: paths in run.json are kept relative to it, so `--resume` works from another checkout. */
  projectDir?: string;
  /** Where bot files' `${VAR}`s and `apiKeyEnv` are read from (the CLI passes the process environment). */
  env?: Env;
}

/** Finishing an interrupted run: everything else comes from its run.json. */
export interface ResumeOptions {
  outDir: string;
  projectDir: string;
  concurrency: number;
  reporters?: string[];
  /** History, guide links and baseline comparison for the finished run. */
  report?: ReportSettings;
  env?: Env;
}

/** scenario → simulate → annotate → detect → report, one conversation at a time, results appended as they finish. */
export async function runSuite(options: RunSuiteOptions, models: ChatModel | ModelPool, deps: PipelineDeps): Promise<PipelineResult> {
  const prepared = await prepareRun(options, poolOf(models, options.concurrency), deps);
  const meta = runMeta(deps.clock(), 'run', prepared.metaFields);
  const outDir = options.outDir ?? join(options.reportsDir, meta.runId);
  return whileLocked(lockNewFolder(outDir, 'run', RUN_FILES.transcripts, deps.display), async () =>
    executeRun(prepared, meta, await RunWriter.create(outDir, meta, writerOptions(deps)), new Set(), deps));
}

/**
 * Finishes an interrupted run in its own folder: repairs what a kill left
 * (a partial last line, failures of an unrecorded conversation), then plays
 * only the conversations it does not hold. Scenarios and prompts must be the
 * ones the run started with.
 */
export async function resumeRun(options: ResumeOptions, models: ChatModel | ModelPool, deps: PipelineDeps): Promise<PipelineResult> {
  const display = deps.display ?? ((p: string) => p);
  const previous = await readRunMeta(options.outDir, display);
  const plan = previous.plan;
  if (previous.kind !== 'run' || !plan) throw new SlotcheckError('RUN_INVALID', `${display(options.outDir)}: only a run of \`slotcheck run\` can be resumed`);
  const prepared = await prepareRun(optionsFromPlan(previous, plan, options), poolOf(models, options.concurrency), deps);
  assertSameRun(previous, prepared.metaFields, display(options.outDir));
  return whileLocked(lockFolder(options.outDir, 'run --resume', display), async () => {
    const done = await repairRunFolder(options.outDir);
    return executeRun(prepared, previous, await RunWriter.reopen(options.outDir, writerOptions(deps)), done, deps);
  });
}

interface PreparedRun {
  suite: Suite;
  ctx: JobContext;
  jobs: Job[];
  reporters: Reporter[];
  finalizeOptions: FinalizeOptions;
  metaFields: Omit<RunMeta, 'runId' | 'kind' | 'startedAt'>;
  concurrency: number;
}

/** Loads and checks everything before anything is written: bad input never leaves a run folder. */
async function prepareRun(options: RunSuiteOptions, models: ModelPool, deps: PipelineDeps): Promise<PreparedRun> {
  const suite = selectScenarios(await loadSuite({ paths: options.scenarioPaths, botsDir: options.botsDir, ...(deps.display ? { display: deps.display } : {}), ...(options.env ? { env: options.env } : {}) }), options);
  checkSimulatorFits(suite, options.simulator);
  const detectors = resolveDetectors(options.detectors);
  const reporters = resolveReporters(options.reporters);
  const finalizeOptions = { ...(await finalizeOptionsFor(options.report, 'run', deps.display)), coverage: { planned: suiteCoverage(suite), policyOf: policyLookup(suite) } };
  const taskModels = new TaskModelCache();
  const tagger = deps.tagger ?? createOfflineTagger(taskModels);
  const userModel = llmUserModel(suite, options, models);
  // selectScenarios keeps only the bots the selected scenarios talk to (refine verifies one bot's scenarios at a time).
  const bots = await connectBots(suite.bots.values(), models, options);
  const ctx: JobContext = {
    bots, tagger, detectors, clock: deps.clock, taskModels,
    ...(userModel ? { model: userModel } : {}),
    promptHashes: new Map([...suite.bots.values()].map((bot) => [bot.name, promptHashOf(bot, (text) => contentHash(text))])),
    conversationTimeoutMs: options.conversationTimeoutMs,
    ...(options.simulator ? { simulator: options.simulator } : {}),
    ...(options.simulatorModel ? { simulatorModel: options.simulatorModel } : {}),
    ...(options.maxTurns ? { maxTurns: options.maxTurns } : {}),
    ...(deps.signal ? { signal: deps.signal } : {}),
  };
  const jobs = inShard(planJobs(suite.scenarios, options.trials), options.shard);
  const drivers = [...bots.values()];
  const metaFields = {
    model: [...new Set(drivers.map((d) => d.modelName))].join(', '), endpoint: [...new Set(drivers.map((d) => d.endpoint))].join(', '), tagger: tagger.id,
    detectors: detectors.map((d) => d.id), trials: options.trials,
    bots: drivers.map(({ definition: bot }) => ({ name: bot.name, promptHash: ctx.promptHashes.get(bot.name)!, kind: bot.kind, definitionHash: bot.definitionHash })),
    plan: planOf(options, suite, jobs.length),
  };
  return { suite, ctx, jobs, reporters, finalizeOptions, metaFields, concurrency: options.concurrency };
}

/** A single model serves every endpoint (library callers, refine's verification runs). */
function poolOf(models: ChatModel | ModelPool, concurrency: number): ModelPool {
  return isModelPool(models) ? models : singleModelPool(models, { concurrency });
}

/**
 * The LLM user's model, the run's default endpoint, when a scenario uses it.
 * Its model name defaults to the bot's, which an HTTP or module bot has not.
 */
function llmUserModel(suite: Suite, options: RunSuiteOptions, models: ModelPool): ChatModel | undefined {
  const users = suite.scenarios.filter((s) => simulatorKindFor(s, options.simulator) === 'llm');
  if (users.length === 0) return undefined;
  const botless = users.find((s) => suite.bots.get(s.bot)?.kind !== 'prompt');
  if (botless && !options.simulatorModel) throw new SlotcheckError('USAGE', `${botless.file}: the llm user needs a model name, and bot "${botless.bot}" is not a prompt bot whose model it could share: pass --simulator-model NAME`);
  return models.defaultModel();
}

async function executeRun(prepared: PreparedRun, meta: RunMeta, writer: RunWriter, done: ReadonlySet<string>, deps: PipelineDeps): Promise<PipelineResult> {
  const { suite, ctx, jobs } = prepared;
  const outDir = writer.outDir;
  deps.emit?.({ type: 'run-start', runId: meta.runId, outDir, total: jobs.length, ...(done.size > 0 ? { alreadyDone: done.size } : {}) });
  const todo = jobs.filter((job) => !done.has(job.conversationId));
  const { budget } = deps;
  // Under a token budget no more conversations than calls are kept going, so a stop drops few half-played ones.
  const conversations = budget ? prepared.concurrency : conversationsInFlight(prepared.concurrency);
  const handicaps = staggerHandicaps(todo, prepared.concurrency, conversations);
  // Each conversation in flight listens to the run's signal (to stop at Ctrl-C).
  if (deps.signal) setMaxListeners(conversations + 10, deps.signal);
  try {
    await runJobs(todo, conversations, async (job: Job) => {
      deps.emit?.({ type: 'conversation-start', conversationId: job.conversationId, scenarioId: job.scenario.id, trial: job.trial });
      const judged = await simulateAndJudge(job, ctx.bots.get(job.scenario.bot)!, ctx, handicaps.get(job.conversationId));
      if (!judged) return;
      await writer.write(judged.record, judged.failures);
      budget?.conversationDone(totalTokens(judged.record.usage ?? {}));
      emitEnd(deps, judged.record);
    }, deps.signal, budget ? (inFlight: number) => budget.admits(inFlight) : undefined).finally(() => closeBots(ctx.bots));
    await writer.close();
    const result = await finish(outDir, meta, prepared.reporters, deps, prepared.finalizeOptions);
    return { ...result, missing: Math.max(0, jobs.length - result.summary.totals.conversations) };
  } catch (error) {
    await writer.close().catch(() => undefined);
    throw resumable(error, outDir, deps);
  }
}
function planOf(options: RunSuiteOptions, suite: Suite, conversations: number): RunPlan {
  return {
    scenarioPaths: options.scenarioPaths.map((p) => storedPath(p, options.projectDir)),
    botsDir: storedPath(options.botsDir, options.projectDir),
    ...(options.modelName ? { modelName: options.modelName } : {}),
    ...(options.maxTurns ? { maxTurns: options.maxTurns } : {}),
    ...(options.maxToolRounds !== undefined ? { maxToolRounds: options.maxToolRounds } : {}),
    ...(options.simulator ? { simulator: options.simulator } : {}),
    ...(options.only ? { only: options.only } : {}),
    ...(options.tags ? { tags: options.tags } : {}),
    conversationTimeoutMs: options.conversationTimeoutMs,
    suiteHash: suiteHash(suite),
    ...(options.shard && options.shard.count > 1 ? { shard: options.shard } : {}),
    conversations,
  };
}

function optionsFromPlan(meta: RunMeta, plan: RunPlan, options: ResumeOptions): RunSuiteOptions {
  const { suiteHash: _hash, conversations: _n, ...rest } = plan;
  return {
    ...rest,
    ...suitePathsOf(plan, options.projectDir),
    reportsDir: options.outDir,
    ...(options.env ? { env: options.env } : {}),
    trials: meta.trials ?? 1,
    concurrency: options.concurrency,
    detectors: meta.detectors,
    ...(options.reporters ? { reporters: options.reporters } : {}),
    ...(options.report ? { report: options.report } : {}),
    projectDir: options.projectDir,
  };
}


