import { resolve } from 'node:path';
import type { Command } from 'commander';
import { displayPath } from '../../bot/load.js';
import { runSuite } from '../../pipeline.js';
import type { SimulatorKind } from '../../simulate/create-simulator.js';
import type { CliIO } from '../io.js';
import { list, nonNegativeInt, positiveInt, seconds } from '../options.js';
import { createProgress } from '../progress.js';
import { printResult } from '../summary-line.js';

interface RunFlags {
  bots: string;
  reports: string;
  out?: string;
  model?: string;
  trials: number;
  concurrency: number;
  maxTurns?: number;
  timeout: number;
  callTimeout: number;
  retries: number;
  detectors?: string[];
  simulator?: SimulatorKind;
}

export function registerRun(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('run')
    .description('simulate the scenarios against their bots through an OpenAI-compatible API, detect failures, write a report')
    .argument('[scenarios...]', 'scenario files or folders', ['scenarios'])
    .option('--bots <dir>', 'folder of bot definitions', 'bots')
    .option('--reports <dir>', 'folder for run folders', 'reports')
    .option('--out <dir>', 'write this run here instead of reports/<run-id>')
    .option('--model <name>', 'model for every bot (default: each bot.yaml\'s model)')
    .option('--trials <k>', 'conversations per scenario', positiveInt, 1)
    .option('--concurrency <n>', 'conversations (and model calls) in flight', positiveInt, 8)
    .option('--max-turns <n>', 'override every scenario\'s user-turn budget', positiveInt)
    .option('--timeout <seconds>', 'time-out per conversation', seconds, 300)
    .option('--call-timeout <seconds>', 'time-out per model call', seconds, 60)
    .option('--retries <n>', 'retries per model call on 429, 5xx and connection errors', nonNegativeInt, 3)
    .option('--detectors <ids>', 'comma-separated failure classes to detect (default: all)', list)
    .option('--simulator <kind>', 'user simulator for every scenario: rule or scripted')
    .action(async (scenarios: string[], flags: RunFlags) => {
      // Loaded here, not at the top: the openai SDK is a tenth of a second that `analyze` does not need.
      const { createModelClient, endpointFromEnv } = await import('../../config.js');
      const model = createModelClient(endpointFromEnv(io.env), { concurrency: flags.concurrency, callTimeoutMs: flags.callTimeout * 1000, retries: flags.retries }, io.fetch);
      const result = await runSuite(
        {
          scenarioPaths: scenarios.map((s) => resolve(io.cwd, s)),
          botsDir: resolve(io.cwd, flags.bots),
          reportsDir: resolve(io.cwd, flags.reports),
          ...(flags.out ? { outDir: resolve(io.cwd, flags.out) } : {}),
          trials: flags.trials,
          concurrency: flags.concurrency,
          ...(flags.model ? { modelName: flags.model } : {}),
          ...(flags.maxTurns ? { maxTurns: flags.maxTurns } : {}),
          conversationTimeoutMs: flags.timeout * 1000,
          ...(flags.detectors ? { detectors: flags.detectors } : {}),
          ...(flags.simulator ? { simulator: flags.simulator } : {}),
        },
        model,
        { clock: io.clock ?? (() => new Date()), emit: createProgress(io), display: displayPath(io.cwd), ...(io.signal ? { signal: io.signal } : {}) },
      );
      printResult(io, result);
      setExit(result.summary.exitCode);
    });
}
