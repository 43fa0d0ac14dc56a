import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { assertFolderPath } from '../../core/folder-path.js';
import { Option, type Command } from 'commander';
import { displayPath } from '../../bot/load.js';
import { SlotcheckError } from '../../core/errors.js';
import type { CacheMode } from '../../model/cached-model.js';
import { endpointFromEnv } from '../../config.js';
import { openModelPool } from '../model-client.js';
import { resumeRun, runSuite, type PipelineDeps } from '../../pipeline/index.js';
import type { SimulatorKind } from '../../simulate/create-simulator.js';
import { parseShard } from '../../simulate/shard.js';
import type { CliIO } from '../io.js';
import { collect, list, nonNegativeInt, positiveInt, seconds, modelName } from '../options.js';
import { createProgress } from '../progress.js';
import { addTaggerOptions, taggerFromFlags, type TaggerFlags } from '../tagger-options.js';
import { printResult } from '../summary-line.js';
import { createRunStop } from '../run-stop.js';
import { addReportOptions, printReportExtras, reportSettings, type ReportFlags } from '../report-options.js';

interface RunFlags extends TaggerFlags, ReportFlags {
  bots: string;
  out?: string;
  model?: string;
  trials: number;
  concurrency: number;
  maxTurns?: number;
  maxToolRounds?: number;
  timeout: number;
  callTimeout: number;
  retries: number;
  rpm?: number;
  tpm?: number;
  detectors?: string[];
  simulator?: SimulatorKind;
  simulatorModel?: string;
  shard?: string;
  resume?: string;
  cache: Exclude<CacheMode, 'replay'>;
  cacheDir: string;
  replay?: string;
  only?: string[];
  tag?: string[];
  maxTokens?: number;
}

/** Options that define what a run tests: a resumed run takes them from its run.json. */
const PLAN_OPTIONS = ['bots', 'out', 'model', 'trials', 'maxTurns', 'maxToolRounds', 'timeout', 'detectors', 'simulator', 'shard', 'only', 'tag'] as const;

export function registerRun(program: Command, io: CliIO, setExit: (code: number) => void): void {
  const command = program
    .command('run')
    .description('simulate the scenarios against their bots (a prompt on an OpenAI-compatible API, an HTTP service or a module), detect failures, write a report')
    .argument('[scenarios...]', 'scenario files or folders', ['scenarios'])
    .option('--bots <dir>', 'folder of bot definitions', 'bots')
    .option('--reports <dir>', 'folder for run folders', 'reports')
    .option('--out <dir>', 'write this run here instead of reports/<run-id> (history.jsonl and latest/ stay in --reports)')
    .option('--model <name>', 'model for every bot (default: each bot.yaml\'s model)', modelName)
    .option('--trials <k>', 'conversations per scenario', positiveInt, 1)
    .option('--concurrency <n>', 'model calls in flight to the endpoint; above 1, more conversations are kept going (8 per call, at most 256 or 2 per call), the least advanced first, so it never waits between turns', positiveInt, 8)
    .option('--max-turns <n>', 'override every scenario\'s user-turn budget', positiveInt)
    .option('--max-tool-rounds <n>', 'tool calls the bot may chain without a user turn (0: tool results are not answered)', nonNegativeInt)
    .option('--timeout <seconds>', 'time-out per conversation (time waiting for a free call slot not counted)', seconds, 300)
    .option('--call-timeout <seconds>', 'time-out per model call', seconds, 60)
    .option('--retries <n>', 'retries per model call on 429, 5xx and connection errors', nonNegativeInt, 3)
    .option('--rpm <n>', 'requests per minute to the endpoint', positiveInt)
    .option('--tpm <n>', 'tokens per minute to the endpoint (estimated before a call, corrected from usage)', positiveInt)
    .option('--detectors <ids>', 'comma-separated failure classes to detect (default: all)', list)
    .option('--only <ids>', 'comma-separated scenario ids to run (default: all)', list)
    .option('--tag <tag>', 'run only scenarios with this tag (repeat for any of several)', collect)
    .addOption(new Option('--simulator <kind>', 'user simulator for every scenario').choices(['rule', 'scripted', 'llm']))
    .option('--simulator-model <name>', 'model of the llm user simulator (default: the bot\'s model)', modelName)
    .option('--shard <i/n>', 'run only shard i of n of scenario × trial (combine with `slotcheck merge`)')
    .option('--resume <dir>', 'finish an interrupted run in its folder: only the conversations it does not hold')
    .addOption(new Option('--cache <mode>', 'model-call cache: read (use recordings, record misses), write (always call, record), off').choices(['read', 'write', 'off']).default('off'))
    .option('--cache-dir <dir>', 'folder of recorded model calls', '.slotcheck-cache/calls')
    .option('--replay <dir>', 'answer every model call from recordings in this folder; a missing one is an error, never a live call')
    .option('--max-tokens <n>', 'stop cleanly (resumable, exit 130) before a model call would pass this many tokens in this command', positiveInt);
  addReportOptions(addTaggerOptions(command)).action(async (scenarios: string[], flags: RunFlags, cmd: Command) => {
      const stop = createRunStop(io, flags.maxTokens);
      const models = await openModelPool(endpointFromEnv(io.env), { ...modelOptions(flags, cmd, io), ...(stop.budget ? { budget: stop.budget } : {}) }, io.fetch);
      const tagger = taggerFromFlags(flags, io, () => models.defaultModel(), flags.model);
      const deps: PipelineDeps = { clock: io.clock ?? (() => new Date()), emit: createProgress(io), display: displayPath(io.cwd), tagger, signal: stop.signal, ...(stop.budget ? { budget: stop.budget } : {}) };
      const report = reportSettings(flags, io);
      const result = flags.resume
        ? await resumeRun({ outDir: resolve(io.cwd, checkResumable(flags.resume, cmd)), projectDir: io.cwd, concurrency: flags.concurrency, report, env: io.env }, models, deps)
        : await runSuite(
            {
              scenarioPaths: scenarios.map((s) => resolve(io.cwd, s)),
              botsDir: resolve(io.cwd, flags.bots),
              reportsDir: resolve(io.cwd, flags.reports),
              ...(flags.out ? { outDir: resolve(io.cwd, flags.out) } : {}),
              trials: flags.trials,
              concurrency: flags.concurrency,
              ...(flags.model ? { modelName: flags.model } : {}),
              ...(flags.maxTurns ? { maxTurns: flags.maxTurns } : {}),
              ...(flags.maxToolRounds !== undefined ? { maxToolRounds: flags.maxToolRounds } : {}),
              conversationTimeoutMs: flags.timeout * 1000,
              ...(flags.detectors ? { detectors: flags.detectors } : {}),
              ...(flags.only ? { only: flags.only } : {}),
              ...(flags.tag ? { tags: flags.tag } : {}),
              ...(flags.simulator ? { simulator: flags.simulator } : {}),
              ...(flags.simulatorModel ? { simulatorModel: flags.simulatorModel } : {}),
              ...(flags.shard ? { shard: parseShard(flags.shard) } : {}),
              projectDir: io.cwd,
              report,
              env: io.env,
            },
            models,
            deps,
          );
      printResult(io, result);
      printReportExtras(io, result, displayPath(io.cwd));
      setExit(stop.report(result) ? 130 : result.summary.exitCode);
    });
}

function modelOptions(flags: RunFlags, command: Command, io: CliIO) {
  if (flags.replay && command.getOptionValueSource('cache') === 'cli') throw new SlotcheckError('USAGE', '--replay and --cache cannot be combined: a replay only reads recordings');
  const cache = flags.replay
    ? { mode: 'replay' as const, dir: replayFolder(resolve(io.cwd, flags.replay), displayPath(io.cwd)) }
    : flags.cache !== 'off' ? { mode: flags.cache, dir: resolve(io.cwd, flags.cacheDir) } : undefined;
  if (cache && cache.mode !== 'replay') assertFolderPath(cache.dir, '--cache-dir', displayPath(io.cwd));
  return {
    concurrency: flags.concurrency,
    callTimeoutMs: flags.callTimeout * 1000,
    retries: flags.retries,
    ...(flags.rpm ? { rpm: flags.rpm } : {}),
    ...(flags.tpm ? { tpm: flags.tpm } : {}),
    ...(cache ? { cache } : {}),
  };
}

/** A replay answers only from recordings: a folder that is not there would turn every call into an error. */
function replayFolder(dir: string, display: (p: string) => string): string {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new SlotcheckError('USAGE', `--replay ${display(dir)}: no such folder of recordings; record one with --cache write --cache-dir ${display(dir)}`);
  return dir;
}

/** What a run tests is fixed when it starts: resuming with other scenarios or plan options is a usage error. */
function checkResumable(dir: string, command: Command): string {
  const given = PLAN_OPTIONS.filter((name) => command.getOptionValueSource(name) === 'cli').map((name) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
  if (command.args.length > 0) given.push('the scenario arguments');
  if (given.length > 0) throw new SlotcheckError('USAGE', `--resume takes what to test from the run's run.json; drop ${given.join(', ')}`);
  return dir;
}
