import { relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { displayPath } from '../../bot/load.js';
import { endpointFromEnv, envSecrets, isModelConfigured } from '../../config.js';
import { SlotcheckError } from '../../core/errors.js';
import type { TransferResult } from '../../guide/transfer-schema.js';
import { verifyGuideTransfer } from '../../guide/verify-transfer.js';
import { openModelClient } from '../model-client.js';
import { writeLine, type CliIO } from '../io.js';
import { callOptions, guideOptions, list, positiveInt, seconds, modelName } from '../options.js';

interface VerifyFlags {
  bots?: string[];
  principles?: string[];
  botsDir: string;
  guides: string;
  guide: string;
  reports: string;
  out?: string;
  model?: string;
  metaModel?: string;
  trials: number;
  concurrency: number;
  timeout: number;
  callTimeout: number;
  retries: number;
}

export function registerGuideVerify(guide: Command, io: CliIO, setExit: (code: number) => void): void {
  const command = guide
    .command('verify')
    .description('check whether each principle of a guide transfers to other bots: applied alone to each bot\'s prompt, the bot\'s suite run before and after (offline: prints the meta-prompts)')
    .argument('[scenarios...]', 'scenario files or folders holding the bots\' suites', ['scenarios'])
    .requiredOption('--bots <names>', 'comma-separated bots to transfer to, e.g. clinic,bank-transfer', list)
    .option('--principles <ids>', 'comma-separated principle ids (default: every verified principle)', list)
    .option('--bots-dir <dir>', 'folder of bot definitions', 'bots')
    .option('--reports <dir>', 'folder for the check\'s folder', 'reports')
    .option('--out <dir>', 'the check\'s folder (default: reports/transfer-<id>)')
    .option('--model <name>', 'the bots\' model (default: each bot.yaml\'s)', modelName)
    .option('--meta-model <name>', 'the model that applies each principle (default: --model)', modelName)
    .option('--trials <k>', 'trials per scenario, before and after', positiveInt, 3)
    .option('--concurrency <n>', 'conversations (and model calls) in flight', positiveInt, 4)
    .option('--timeout <seconds>', 'time-out per conversation', seconds, 300);
  callOptions(guideOptions(command, 'guide to verify'))
    .action(async (scenarios: string[], flags: VerifyFlags) => {
      if (!flags.bots || flags.bots.length === 0) throw new SlotcheckError('USAGE', 'guide verify needs --bots BOT,…: the bots to transfer the principles to');
      const endpoint = endpointFromEnv(io.env);
      const model = isModelConfigured(endpoint) ? await openModelClient(endpoint, { concurrency: flags.concurrency, callTimeoutMs: flags.callTimeout * 1000, retries: flags.retries }, io.fetch) : undefined;
      const result = await verifyGuideTransfer(
        {
          scenarioPaths: scenarios.map((s) => resolve(io.cwd, s)), botsDir: resolve(io.cwd, flags.botsDir), guidesDir: resolve(io.cwd, flags.guides), guideName: flags.guide,
          bots: flags.bots, ...(flags.principles ? { principleIds: flags.principles } : {}), reportsDir: resolve(io.cwd, flags.reports), ...(flags.out ? { outDir: resolve(io.cwd, flags.out) } : {}),
          trials: flags.trials, concurrency: flags.concurrency, conversationTimeoutMs: flags.timeout * 1000,
          ...(flags.model ? { modelName: flags.model } : {}), ...(flags.metaModel ? { metaModelName: flags.metaModel } : {}), env: io.env,
        },
        {
          clock: io.clock ?? (() => new Date()), display: displayPath(io.cwd), secrets: envSecrets(io.env), ...(model ? { model } : {}), ...(io.signal ? { signal: io.signal } : {}),
          ...(io.stderr.isTTY ? { log: (line: string) => writeLine(io.stderr, `slotcheck guide verify: ${line}`) } : {}),
        },
      );
      if (result.mode === 'offline') {
        writeLine(io.stderr, `slotcheck guide verify: no model configured (set OPENAI_BASE_URL and/or OPENAI_API_KEY): these are the ${result.metaPrompts.length} meta-prompts it would send; nothing was run or changed.`);
        for (const m of result.metaPrompts) writeLine(io.stdout, `===== ${m.principleId} → ${m.bot} =====\n${m.metaPrompt}\n`);
        setExit(0);
        return;
      }
      printTransfers(io, result.report.results);
      writeLine(io.stdout, `guide: ${result.report.guide.markdown}`);
      writeLine(io.stdout, `report: ${relative(io.cwd, result.outDir) || '.'}/transfer.md`);
      setExit(result.report.exitCode);
    });
}

const LABELS: Record<TransferResult['status'], string> = { transferred: 'transferred', 'no-effect': 'no effect', 'not-applicable': 'not applicable', harmful: 'HARMFUL', inconclusive: 'inconclusive', skipped: 'skipped' };

/** One line per principle × bot, with the class rate before → after where measured. */
export function printTransfers(io: CliIO, results: readonly TransferResult[]): void {
  for (const r of results) {
    const e = r.entry;
    const rates = e ? ` (free of ${e.classes.join(', ')}: ${e.rates.before.withoutClass}/${e.rates.before.trials} → ${e.rates.after.withoutClass}/${e.rates.after.trials}${e.regressions.length ? `; ${e.regressions.length} regression(s)` : ''})` : '';
    writeLine(io.stdout, `  ${r.principleId} → ${r.bot}: ${LABELS[r.status]}${rates}`);
  }
}
