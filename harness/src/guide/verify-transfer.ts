import type { Env } from '../bot/env-vars.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SlotcheckError } from '../core/errors.js';
import type { GuideCommandDeps } from './apply-file.js';
import { loadMetaPrompts } from '../refine/meta-prompts.js';
import { scenarioRunner } from '../refine/scenario-runner.js';
import { loadSuite, type Suite } from '../scenario/load.js';
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
  /** Where bot files' `${VAR}`s are read from (the CLI passes the process environment). */
  env?: Env;
}

export type GuideVerifyResult =
  | { mode: 'offline'; metaPrompts: Array<{ principleId: string; bot: string; metaPrompt: string }> }
  | { mode: 'verified'; report: TransferReport; outDir: string };

/** Checks every chosen principle on every named bot, records each result in the guide as it comes, and writes transfer.json and transfer.md. */
export async function verifyGuideTransfer(options: GuideVerifyOptions, deps: GuideCommandDeps): Promise<GuideVerifyResult> {
  const display = deps.display ?? ((p: string) => p);
  const setup = await prepareCheck(options, deps.clock, display);
  if (!deps.model) return { mode: 'offline', metaPrompts: transferMetaPrompts(setup.plan, setup.prompts) };
  const { modelNameFor, metaModelName } = modelNames(options, setup);
  const report: TransferReport = {
    schemaVersion: 1, checkId: setup.plan.checkId, startedAt: deps.clock().toISOString(), guide: { name: setup.guide.name, json: display(setup.paths.json), markdown: display(setup.paths.markdown) },
    model: options.modelName ?? 'each bot.yaml\'s', metaModel: metaModelName, trials: options.trials, bots: setup.plan.targets.map((t) => t.bot.name), results: [], exitCode: 0,
  };
  let guide = setup.guide;
  const { outDir } = setup.plan;
  const signal = deps.signal ? { signal: deps.signal } : {};
  const results = await checkTransfers(setup.plan, {
    model: deps.model, metaModelName, prompts: setup.prompts, secrets: deps.secrets ?? [], ...signal, modelNameFor, clock: deps.clock, display, log: deps.log ?? (() => undefined),
    runnerFor: (bot) => scenarioRunner({ scenarioPaths: options.scenarioPaths, botsDir: options.botsDir, reportsDir: outDir, concurrency: options.concurrency, conversationTimeoutMs: options.conversationTimeoutMs, modelName: modelNameFor(bot), clock: deps.clock, display, ...signal, ...(options.env ? { env: options.env } : {}) }, deps.model!, bot),
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

/** Everything checked before a model is called or a file written: the guide, its principles, the bots and their suites. */
async function prepareCheck(options: GuideVerifyOptions, clock: () => Date, display: (p: string) => string) {
  const name = options.guideName ?? DEFAULT_GUIDE_NAME;
  const paths = guidePaths(options.guidesDir, name);
  if (!existsSync(paths.json)) throw new SlotcheckError('INPUT_NOT_FOUND', `no guide ${display(paths.json)}: run \`slotcheck refine\` first, or pass --guide NAME`);
  const guide = await loadGuide(options.guidesDir, name, display);
  const principles = selectPrinciples(guide, options.principleIds, display(paths.json));
  const suite = await loadSuite({ paths: options.scenarioPaths, botsDir: options.botsDir, display, ...(options.env ? { env: options.env } : {}) });
  const checkId = newCheckId(clock());
  const targets = transferTargets(suite, options.bots, options.scenarioPaths.map(display).join(', '));
  const plan: TransferPlan = { checkId, guide, principles, targets, trials: options.trials, outDir: options.outDir ?? join(options.reportsDir, checkId) };
  return { guide, paths, suite, plan, prompts: await loadMetaPrompts() };
}

/** The bots' model (--model, else each bot.yaml's) and the model that applies the principles; missing ones are usage errors. */
function modelNames(options: GuideVerifyOptions, setup: { suite: Suite; plan: TransferPlan }): { modelNameFor: (bot: string) => string; metaModelName: string } {
  const modelNameFor = (bot: string) => {
    const definition = setup.suite.bots.get(bot);
    const model = options.modelName ?? (definition?.kind === 'prompt' ? definition.settings.model : undefined);
    if (!model) throw new SlotcheckError('MODEL_NOT_CONFIGURED', `no model for bot "${bot}": pass --model`);
    return model;
  };
  setup.plan.targets.forEach((t) => modelNameFor(t.bot.name));
  const metaModelName = options.metaModelName ?? options.modelName;
  if (!metaModelName) throw new SlotcheckError('USAGE', 'guide verify needs --meta-model NAME (or --model): the model that applies each principle');
  return { modelNameFor, metaModelName };
}
