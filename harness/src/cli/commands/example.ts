import { resolve } from 'node:path';
import { modelName } from '../options.js';
import type { Command } from 'commander';
import { displayPath } from '../../bot/load.js';
import { harnessFile } from '../../core/assets.js';
import { analyzeFile, runSuite, type PipelineResult } from '../../pipeline/index.js';
import { writeLine, type CliIO } from '../io.js';
import { createProgress } from '../progress.js';
import { printResult } from '../summary-line.js';
import { printReportExtras } from '../report-options.js';
import { describeEndpoint, endpointFromEnv, isModelConfigured } from '../../config.js';
import { openModelClient } from '../model-client.js';

const EXAMPLES = harnessFile('examples/conversations.jsonl');

/**
 * `npm start`: with no model configured, analyse the bundled example
 * conversations offline; with one, run the bundled suite live. The examples
 * contain failures on purpose, so finding them is success (exit 0).
 */
export function registerExample(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('example')
    .description('the bundled example: offline analysis of example conversations, or the example suite live when a model is configured')
    .option('--model <name>', 'model for the live run (default: each bot.yaml\'s model)', modelName)
    .action(async (flags: { model?: string }) => {
      // Loaded here, not at the top: the openai SDK is a tenth of a second that `analyze` does not need.
      const endpoint = endpointFromEnv(io.env);
      // Like `run` and `analyze`: history, latest/ and guide links under the project's folders.
      const report = { historyDir: resolve(io.cwd, 'reports'), guidesDir: resolve(io.cwd, 'guides') };
      const deps = { clock: io.clock ?? (() => new Date()), emit: createProgress(io), display: displayPath(io.cwd), ...(io.signal ? { signal: io.signal } : {}) };
      let result: PipelineResult;
      if (isModelConfigured(endpoint)) {
        writeLine(io.stdout, `Running the example suite (scenarios/ against bots/) on ${describeEndpoint(endpoint.baseURL)}…`);
        const model = await openModelClient(endpoint, { concurrency: 4, callTimeoutMs: 60_000, retries: 3 }, io.fetch);
        result = await runSuite({ scenarioPaths: [resolve(io.cwd, 'scenarios')], botsDir: resolve(io.cwd, 'bots'), reportsDir: resolve(io.cwd, 'reports'), trials: 1, concurrency: 4, conversationTimeoutMs: 300_000, report, env: io.env, ...(flags.model ? { modelName: flags.model } : {}) }, model, deps);
        printResult(io, result);
        printReportExtras(io, result, displayPath(io.cwd));
        setExit(result.summary.exitCode === 3 ? 3 : 0);
        return;
      }
      writeLine(io.stdout, 'No model configured: analysing the bundled example conversations (harness/examples/, written to show typical failures).');
      result = await analyzeFile({ file: EXAMPLES, reportsDir: resolve(io.cwd, 'reports'), report }, deps);
      printResult(io, result);
      printReportExtras(io, result, displayPath(io.cwd));
      writeLine(io.stdout, 'To test a bot live, set OPENAI_BASE_URL (e.g. http://localhost:11434/v1) and/or OPENAI_API_KEY, then run `npm start` again or `npx slotcheck run --model <name>`.');
      setExit(0);
    });
}
