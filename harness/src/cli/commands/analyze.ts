import { resolve } from 'node:path';
import type { Command } from 'commander';
import { displayPath } from '../../bot/load.js';
import { analyzeFile } from '../../pipeline/index.js';
import { formatMetrics } from '../../evaluate/index.js';
import { writeLine, type CliIO } from '../io.js';
import { list } from '../options.js';
import { createProgress } from '../progress.js';
import { addTaggerOptions, taggerFromFlags, type TaggerFlags } from '../tagger-options.js';
import { printResult } from '../summary-line.js';
import { endpointFromEnv } from '../../config.js';
import { openModelClient } from '../model-client.js';
import { addReportOptions, printReportExtras, reportSettings, type ReportFlags } from '../report-options.js';

interface AnalyzeFlags extends TaggerFlags, ReportFlags {
  task?: string;
  out?: string;
  detectors?: string[];
  labels?: string;
}

export function registerAnalyze(program: Command, io: CliIO, setExit: (code: number) => void): void {
  const command = program
    .command('analyze')
    .description('detect failures in recorded conversations (JSONL transcripts, or CSV with conversation_id, role, content)')
    .argument('<file>', 'transcripts.jsonl or a .csv file')
    .option('--task <file>', 'the bot\'s task (YAML/JSON, or a bot.yaml) for conversations that carry none')
    .option('--reports <dir>', 'folder for run folders', 'reports')
    .option('--out <dir>', 'write the results here instead of reports/<run-id> (history.jsonl and latest/ stay in --reports)')
    .option('--detectors <ids>', 'comma-separated failure classes to detect (default: all)', list)
    .option('--labels <file>', 'labels JSONL (id, failures[]): print precision, recall and F1 per class and write metrics.json');
  addReportOptions(addTaggerOptions(command)).action(async (file: string, flags: AnalyzeFlags) => {
      // Only the LLM tagger talks to a model (the SDK is loaded only then); conversations are analysed one at a time.
      const model = flags.tagger === 'llm' ? await openModelClient(endpointFromEnv(io.env), { concurrency: 1, callTimeoutMs: 60_000, retries: 3 }, io.fetch) : undefined;
      const tagger = taggerFromFlags(flags, io, () => model!);
      const result = await analyzeFile(
        {
          file: resolve(io.cwd, file),
          ...(flags.task ? { taskFile: resolve(io.cwd, flags.task) } : {}),
          reportsDir: resolve(io.cwd, flags.reports),
          ...(flags.out ? { outDir: resolve(io.cwd, flags.out) } : {}),
          ...(flags.detectors ? { detectors: flags.detectors } : {}),
          report: reportSettings(flags, io),
          ...(flags.labels ? { labelsFile: resolve(io.cwd, flags.labels) } : {}),
        },
        { clock: io.clock ?? (() => new Date()), emit: createProgress(io), display: displayPath(io.cwd), tagger, ...(io.signal ? { signal: io.signal } : {}) },
      );
      printResult(io, result);
      printReportExtras(io, result, displayPath(io.cwd));
      if (result.metrics) for (const line of formatMetrics(result.metrics)) writeLine(io.stdout, line);
      setExit(result.summary.exitCode);
    });
}
