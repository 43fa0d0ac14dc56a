import { relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { displayPath } from '../../bot/load.js';
import { endpointFromEnv, envSecrets, isModelConfigured } from '../../config.js';
import { openModelClient } from '../model-client.js';
import { SlotcheckError } from '../../core/errors.js';
import { FailureClassSchema, type FailureClass } from '../../detect/failure.js';
import type { ChatModel } from '../../model/chat-model.js';
import { runSuite } from '../../pipeline/index.js';
import { refineRun, type RefineResult } from '../../refine/refine.js';
import { STATUS_LABELS } from '../../refine/refine-report.js';
import { runSuitePaths } from '../../refine/run-plan.js';
import { DEFAULT_GUIDE_NAME } from '../../guide/store.js';
import { writeLine, type CliIO } from '../io.js';
import { list, nonNegativeInt, positiveInt, seconds, modelName } from '../options.js';
import { createProgress } from '../progress.js';
import { printResult } from '../summary-line.js';
import { printTransfers } from './guide-verify.js';

interface RefineFlags {
  run?: string;
  bots: string;
  reports: string;
  out?: string;
  guides: string;
  guide: string;
  model?: string;
  metaModel?: string;
  trials: number;
  suiteTrials: number;
  attempts: number;
  classes?: string[];
  detectors?: string[];
  write?: boolean;
  transfer?: string[];
  concurrency: number;
  timeout: number;
  callTimeout: number;
  retries: number;
}

export function registerRefine(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('refine')
    .description('turn a run\'s failures into verified prompt fixes and guide principles (offline: unverified seeds)')
    .argument('[scenarios...]', 'scenario files or folders (default: with --run, the ones the run used; else scenarios/)', ['scenarios'])
    .option('--run <dir>', 'the run folder to refine (default: a fresh run of the scenarios)')
    .option('--bots <dir>', 'folder of bot definitions (default: with --run, the run\'s; else bots/)', 'bots')
    .option('--reports <dir>', 'folder for run folders', 'reports')
    .option('--out <dir>', 'refine output folder (default: <run>/refine-<id>)')
    .option('--guides <dir>', 'folder of guides', 'guides')
    .option('--guide <name>', 'guide to write: guides/<name>.md and .json', DEFAULT_GUIDE_NAME)
    .option('--model <name>', 'the bots\' model in verification runs (default: the model the run used)', modelName)
    .option('--meta-model <name>', 'the model that proposes fixes and principles (default: --model)', modelName)
    .option('--trials <k>', 'trials per failing scenario when verifying a patch', positiveInt, 3)
    .option('--suite-trials <n>', 'trials per other scenario when checking for regressions', positiveInt, 1)
    .option('--attempts <n>', 'patches to try per failure class', positiveInt, 3)
    .option('--classes <ids>', 'comma-separated failure classes to refine (default: all found)', list)
    .option('--detectors <ids>', 'for a fresh run: comma-separated failure classes to detect (default: all)', list)
    .option('--write', 'overwrite each bot\'s prompt.md with the refined prompt (default: write prompt.refined.md beside it)')
    .option('--transfer <bots>', 'comma-separated other bots to check each new principle on (their scenarios must be among the scenarios given)', list)
    .option('--concurrency <n>', 'conversations (and model calls) in flight', positiveInt, 4)
    .option('--timeout <seconds>', 'time-out per conversation', seconds, 300)
    .option('--call-timeout <seconds>', 'time-out per model call', seconds, 60)
    .option('--retries <n>', 'retries per model call on 429, 5xx and connection errors', nonNegativeInt, 3)
    .action(async (scenarios: string[], flags: RefineFlags, cmd: Command) => {
      const classes = parseClasses(flags.classes);
      const endpoint = endpointFromEnv(io.env);
      const model = isModelConfigured(endpoint) ? await openModelClient(endpoint, { concurrency: flags.concurrency, callTimeoutMs: flags.callTimeout * 1000, retries: flags.retries }, io.fetch) : undefined;
      const given = { scenarioPaths: scenarios.map((s) => resolve(io.cwd, s)), botsDir: resolve(io.cwd, flags.bots) };
      const runDir = flags.run ? resolve(io.cwd, flags.run) : await freshRun(io, flags, given.scenarioPaths, model);
      // A run knows its own suite: scenario arguments and --bots only override it.
      const planned = flags.run ? await runSuitePaths(runDir, io.cwd, displayPath(io.cwd)) : undefined;
      const scenarioPaths = cmd.args.length > 0 || !planned ? given.scenarioPaths : planned.scenarioPaths;
      const botsDir = cmd.getOptionValueSource('bots') === 'cli' || !planned ? given.botsDir : planned.botsDir;
      const result = await refineRun(
        {
          runDir, scenarioPaths, botsDir, guidesDir: resolve(io.cwd, flags.guides), guideName: flags.guide,
          ...(flags.out ? { outDir: resolve(io.cwd, flags.out) } : {}),
          trials: flags.trials, suiteTrials: flags.suiteTrials, attempts: flags.attempts, concurrency: flags.concurrency, conversationTimeoutMs: flags.timeout * 1000,
          ...(classes ? { classes } : {}), ...(flags.model ? { modelName: flags.model } : {}), ...(flags.metaModel ? { metaModelName: flags.metaModel } : {}), write: Boolean(flags.write), env: io.env,
          ...(flags.transfer ? { transfer: flags.transfer } : {}),
        },
        {
          clock: io.clock ?? (() => new Date()), display: displayPath(io.cwd), secrets: envSecrets(io.env),
          ...(model ? { model } : {}), ...(io.signal ? { signal: io.signal } : {}),
          // Progress lines only on a terminal; CI logs get the summary on stdout.
          ...(io.stderr.isTTY ? { log: (line: string) => writeLine(io.stderr, `slotcheck refine: ${line}`) } : {}),
        },
      );
      printRefine(io, result);
      setExit(result.report.exitCode);
    });
}

function parseClasses(ids: string[] | undefined): FailureClass[] | undefined {
  if (!ids) return undefined;
  const known = FailureClassSchema.options;
  const unknown = ids.filter((id) => !known.includes(id as FailureClass));
  if (unknown.length > 0) throw new SlotcheckError('USAGE', `unknown failure class ${unknown.join(', ')} in --classes (known: ${known.join(', ')})`);
  return ids as FailureClass[];
}

/** Without --run, refine runs the scenarios first (a model is needed for that). */
async function freshRun(io: CliIO, flags: RefineFlags, scenarioPaths: string[], model: ChatModel | undefined): Promise<string> {
  if (!model) {
    throw new SlotcheckError('MODEL_NOT_CONFIGURED', 'no model configured and no --run: pass --run reports/<run-id> to seed the guide from a recorded run offline, or set OPENAI_BASE_URL and/or OPENAI_API_KEY to run and refine');
  }
  const result = await runSuite(
    {
      scenarioPaths, botsDir: resolve(io.cwd, flags.bots), reportsDir: resolve(io.cwd, flags.reports), trials: 1, concurrency: flags.concurrency,
      conversationTimeoutMs: flags.timeout * 1000, ...(flags.model ? { modelName: flags.model } : {}), ...(flags.detectors ? { detectors: flags.detectors } : {}), env: io.env,
    },
    model,
    { clock: io.clock ?? (() => new Date()), emit: createProgress(io), display: displayPath(io.cwd), ...(io.signal ? { signal: io.signal } : {}) },
  );
  printResult(io, result);
  return result.outDir;
}

function printRefine(io: CliIO, result: RefineResult): void {
  const { report } = result;
  writeLine(io.stdout, `refine of run ${report.runId} (${report.mode === 'offline' ? 'offline: seeds only' : report.metaModel ? `fixes by ${report.metaModel}` : 'no prompt bot to fix'}):`);
  for (const note of report.notes) writeLine(io.stdout, `  note: ${note}`);
  for (const c of report.classes) {
    const attempts = c.attempts.length > 0 ? `, ${c.attempts.length} attempt${c.attempts.length > 1 ? 's' : ''}` : '';
    // Why a class was skipped, in its reason's first clause ("no longer occurs after the fixes of `re-ask`").
    const why = c.status === 'skipped' ? `: ${c.reason.split(/[:.](?:\s|$)/)[0]!.replace(/^./, (ch) => ch.toLowerCase())}` : '';
    writeLine(io.stdout, `  ${c.bot ? `${c.bot} ` : ''}${c.failureClass}: ${STATUS_LABELS[c.status]}${why}${attempts}${c.principleId ? ` → ${c.principleId} (${c.guideAction})` : ''}`);
  }
  if (report.transfers && report.transfers.length > 0) {
    writeLine(io.stdout, `transfer to ${report.transferBots!.join(', ')}:`);
    printTransfers(io, report.transfers);
  }
  for (const m of report.transferPrompts ?? []) writeLine(io.stdout, `===== transfer meta-prompt that would be sent: ${m.principleId} → ${m.bot} =====\n${m.metaPrompt}\n`);
  for (const p of report.refinedPrompts) writeLine(io.stdout, `refined prompt: ${p.file}`);
  if (report.classes.length > 0) writeLine(io.stdout, `guide: ${report.guide.markdown}`);
  writeLine(io.stdout, `report: ${relative(io.cwd, result.outDir) || '.'}/refine.md`);
}
