import { join } from 'node:path';
import type { ChatModel } from '../model/chat-model.js';
import { loadSuite } from '../scenario/load.js';
import { recordTransfer } from '../guide/merge.js';
import { saveGuide } from '../guide/store.js';
import { checkTransfers, transferMetaPrompts, type TransferPlan, type TransferTarget } from '../guide/transfer.js';
import { transferTargets } from '../guide/transfer-setup.js';
import type { RefineOptions } from './session.js';
import { writeRefineReport } from './refine-report.js';
import type { BotTarget } from './refine-bot.js';
import { scenarioRunner } from './scenario-runner.js';
import type { RefineSession } from './session.js';

/** `--transfer BOT,…`: the bots and their suites, checked before refine writes anything. */
export async function loadTransferTargets(options: RefineOptions, display: (p: string) => string): Promise<TransferTarget[] | undefined> {
  if (!options.transfer || options.transfer.length === 0) return undefined;
  const suite = await loadSuite({ paths: options.scenarioPaths, botsDir: options.botsDir, display, ...(options.env ? { env: options.env } : {}) });
  return transferTargets(suite, options.transfer, options.scenarioPaths.map(display).join(', '));
}

/**
 * Each principle this refine produced (verified; offline, seeded) is applied on its own to each
 * transfer bot and checked on that bot's suite; each result joins the principle's provenance in
 * the guide as it comes. Offline, the meta-prompts that would be sent are recorded instead.
 */
export async function transferPrinciples(session: RefineSession, targets: TransferTarget[], model: ChatModel | undefined, refined: readonly BotTarget[]): Promise<void> {
  const { report, options } = session;
  const wanted = new Set(report.classes.filter((c) => c.principleId && (c.status === 'fixed' || (!model && c.status === 'seeded'))).map((c) => c.principleId!));
  const principles = session.guide.principles.filter((p) => wanted.has(p.id));
  const plan: TransferPlan = { checkId: `transfer-${report.refineId}`, guide: session.guide, principles, targets, trials: options.trials, outDir: join(session.outDir, 'transfer') };
  report.transferBots = targets.map((t) => t.bot.name);
  if (principles.length === 0) {
    report.notes.push('--transfer: no principle was generalised in this refine, so there was nothing to transfer.');
    return writeRefineReport(session.outDir, report);
  }
  if (!model) {
    report.transferPrompts = transferMetaPrompts(plan, session.prompts);
    return writeRefineReport(session.outDir, report);
  }
  report.transfers = [];
  // With a model, a principle of this refine comes from a fix on one of these bots: the other bots run on the same models.
  const { modelName, metaModelName } = refined[0]!;
  const modelNameFor = () => modelName;
  const signal = session.deps.signal ? { signal: session.deps.signal } : {};
  await checkTransfers(plan, {
    model, metaModelName, prompts: session.prompts, secrets: session.secrets, ...signal,
    modelNameFor, clock: session.deps.clock, display: session.display, log: session.log,
    runnerFor: (bot) => scenarioRunner({ scenarioPaths: options.scenarioPaths, botsDir: options.botsDir, reportsDir: session.outDir, concurrency: options.concurrency, conversationTimeoutMs: options.conversationTimeoutMs, modelName, detectors: session.evidence.meta.detectors, clock: session.deps.clock, display: session.display, ...signal, ...(options.env ? { env: options.env } : {}) }, model, bot),
    onResult: async (result) => {
      report.transfers!.push(result);
      if (result.entry) {
        session.guide = recordTransfer(session.guide, result.principleId, result.entry);
        await saveGuide(options.guidesDir, session.guide);
      }
      await writeRefineReport(session.outDir, report);
    },
  });
}
