import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SlotcheckError } from '../core/errors.js';
import type { GuideCommandDeps } from './apply-file.js';
import { loadMetaPrompts } from '../refine/meta-prompts.js';
import { scenarioRunner } from '../refine/scenario-runner.js';
import { loadSuite } from '../scenario/load.js';
import { recordTransfer } from './merge.js';
import { selectPrinciples } from './select.js';
import { DEFAULT_GUIDE_NAME, guidePaths, loadGuide, saveGuide } from './store.js';
import { checkTransfers, transferMetaPrompts, type TransferPlan } from './transfer.js';
import { writeTransferReport } from './transfer-report.js';
import { transferExitCode, type TransferReport } from './transfer-schema.js';
import { newCheckId, transferTargets } from './transfer-setup.js';

/** `slotcheck guide verify --bots BOT,…`: does each principle of an existing guide transfer to these bots? */
export interface GuideVerifyOptions {
  scenarioPaths: string[];
  botsDir: string;
  guidesDir: string;
  guideName?: string;
  bots: string[];
  /** Default: every verified principle. */
  principleIds?: string[];
  reportsDir: string;
  /** Default: <reportsDir>/<check id>. */
  outDir?: string;
  trials: number;
  concurrency: number;
  conversationTimeoutMs: number;
  /** The bots' model (default: each bot.yaml's). */
  modelName?: string;
  /** The model that applies the principles (default: `modelName`). */
  metaModelName?: string;
}

export type GuideVerifyResult =
  | { mode: 'offline'; metaPrompts: Array<{ principleId: string; bot: string; metaPrompt: string }> }
  | { mode: 'verified'; report: TransferReport; outDir: string };

/** Checks every chosen principle on every named bot, records each result in the guide as it comes, and writes transfer.json and transfer.md. */
export async function verifyGuideTransfer(options: GuideVerifyOptions, deps: GuideCommandDeps): Promise<GuideVerifyResult> {
  const display = deps.display ?? ((p: string) => p);
  const name = options.guideName ?? DEFAULT_GUIDE_NAME;
  const paths = guidePaths(options.guidesDir, name);
  if (!existsSync(paths.json)) throw new SlotcheckError('INPUT_NOT_FOUND', `no guide ${display(paths.json)}: run \`slotcheck refine\` first, or pass --guide NAME`);
  let guide = await loadGuide(options.guidesDir, name, display);
  const principles = selectPrinciples(guide, options.principleIds, display(paths.json));
  const suite = await loadSuite({ paths: options.scenarioPaths, botsDir: options.botsDir, display });
  const checkId = newCheckId(deps.clock());
  const outDir = options.outDir ?? join(options.reportsDir, checkId);
  const plan: TransferPlan = { checkId, guide, principles, targets: transferTargets(suite, options.bots, options.scenarioPaths.map(display).join(', ')), trials: options.trials, outDir };
  const prompts = await loadMetaPrompts();
  if (!deps.model) return { mode: 'offline', metaPrompts: transferMetaPrompts(plan, prompts) };
  const modelNameFor = (bot: string) => {
    const model = options.modelName ?? suite.bots.get(bot)?.settings.model;
    if (!model) throw new SlotcheckError('MODEL_NOT_CONFIGURED', `no model for bot "${bot}": pass --model`);
    return model;
  };
  plan.targets.forEach((t) => modelNameFor(t.bot.name));
  const metaModelName = options.metaModelName ?? options.modelName;
  if (!metaModelName) throw new SlotcheckError('USAGE', 'guide verify needs --meta-model NAME (or --model): the model that applies each principle');
  const report: TransferReport = {
    schemaVersion: 1, checkId, startedAt: deps.clock().toISOString(), guide: { name, json: display(paths.json), markdown: display(paths.markdown) },
    model: options.modelName ?? 'each bot.yaml\'s', metaModel: metaModelName, trials: options.trials, bots: plan.targets.map((t) => t.bot.name), results: [], exitCode: 0,
  };
  const signal = deps.signal ? { signal: deps.signal } : {};
  const results = await checkTransfers(plan, {
    model: deps.model, metaModelName, prompts, secrets: deps.secrets ?? [], ...signal, modelNameFor, clock: deps.clock, display, log: deps.log ?? (() => undefined),
    runnerFor: (bot) => scenarioRunner({ scenarioPaths: options.scenarioPaths, botsDir: options.botsDir, reportsDir: outDir, concurrency: options.concurrency, conversationTimeoutMs: options.conversationTimeoutMs, modelName: modelNameFor(bot), clock: deps.clock, display, ...signal }, deps.model!, bot),
    onResult: async (result) => {
      report.results.push(result);
      if (result.entry) {
        guide = recordTransfer(guide, result.principleId, result.entry);
        await saveGuide(options.guidesDir, guide);
      }
      await writeTransferReport(outDir, report);
    },
  });
  report.finishedAt = deps.clock().toISOString();
  report.exitCode = transferExitCode(results);
  await writeTransferReport(outDir, report);
  return { mode: 'verified', report, outDir };
}
