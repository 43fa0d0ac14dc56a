import { existsSync } from 'node:fs';
import { readTextFile } from '../core/text-file.js';
import { join } from 'node:path';
import { SlotcheckError } from '../core/errors.js';
import { contentHash } from '../core/hash.js';
import { newRunId } from '../pipeline/run-setup.js';
import { loadSuite } from '../scenario/load.js';
import { readRunEvidence, type FailureGroup, type RunEvidence } from './evidence.js';
import { DEFAULT_GUIDE_NAME, guidePaths, loadGuide } from '../guide/store.js';
import { loadMetaPrompts } from './meta-prompts.js';
import { classBase, seedClass } from './record.js';
import { refineBot, type BotTarget } from './refine-bot.js';
import { loadTransferTargets, transferPrinciples } from './refine-transfer.js';
import { writeRefineReport } from './refine-report.js';
import { UsageMeter, withUsageMeter } from '../model/usage.js';
import type { ClassResult, RefineReport } from './report-schema.js';
import { transferExitCode, type TransferResult } from '../guide/transfer-schema.js';
import { recordClass, type RefineDeps, type RefineOptions, type RefineSession } from './session.js';

export interface RefineResult {
  report: RefineReport;
  /** The refine folder: refine.json, refine.md and the verification runs. */
  outDir: string;
}

const OFFLINE_REASON = 'No model configured: recorded as an unverified seed with the evidence and the fix-proposal meta-prompt that would be sent. Run refine again with a model to verify a fix and upgrade the seed.';
const NOT_PROMPT_REASON = 'The bot is an HTTP or module bot: its prompt is not slotcheck\'s to change, so there is no fix to verify. The failures stand in the run\'s report.';
const ANALYZED_REASON = 'The run analysed recorded conversations, so there are no scenarios to verify a fix against; recorded as an unverified seed instead.';

/**
 * failures of a run → per class: propose a fix, verify it, generalise it into
 * a principle, merge it into the guide → refined prompt and refine report.
 * Offline (no model) every class is seeded instead. Input is checked before
 * anything is written.
 */
export async function refineRun(options: RefineOptions, deps: RefineDeps): Promise<RefineResult> {
  const display = deps.display ?? ((p: string) => p);
  const guideName = options.guideName ?? DEFAULT_GUIDE_NAME;
  const evidence = await readRunEvidence(options.runDir, display);
  const guide = await loadGuide(options.guidesDir, guideName, display);
  const chosen = evidence.groups.filter((g) => !options.classes || options.classes.includes(g.failureClass));
  const plan = deps.model ? await planTargets(options, evidence, chosen, display) : offlinePlan(evidence, chosen);
  const transferTo = await loadTransferTargets(options, display);
  const session = openSession({ ...options, guideName }, deps, evidence, guide, await loadMetaPrompts(), display);
  session.report.notes.push(...plan.notes);
  if (plan.bots.length > 0) session.report.metaModel = [...new Set(plan.bots.map((b) => b.metaModelName))].join(', ');
  if (chosen.length === 0) session.report.notes.push(evidence.groups.length === 0 ? 'The run has no bot failures: nothing to refine.' : 'No failure class of the run was selected (--classes).');
  for (const group of evidence.groups.filter((g) => !chosen.includes(g))) {
    await recordClass(session, { ...classBase(group), status: 'skipped', reason: 'Not selected (--classes).', attempts: [] });
  }
  for (const group of plan.notPrompt) {
    await recordClass(session, { ...classBase(group), status: 'skipped', reason: NOT_PROMPT_REASON, attempts: [] });
  }
  // Meta-prompts (role `meta`) and the verification runs' bot calls, for the report's token counts.
  const meter = new UsageMeter();
  for (const target of plan.bots) await refineBot(session, target, withUsageMeter(deps.model!, meter));
  if (!meter.empty) session.report.usage = meter.usage;
  for (const group of plan.unverifiable) {
    await seedClass(session, group, currentPrompt(options.botsDir, group.bot, display), { status: 'seeded', reason: deps.model ? ANALYZED_REASON : OFFLINE_REASON });
  }
  if (transferTo && !deps.signal?.aborted) await transferPrinciples(session, transferTo, deps.model, plan.bots);
  return finish(session);
}

/** Without a model: every class is seeded, but an HTTP or module bot's (from the run's plan), as with a model, is skipped. */
function offlinePlan(evidence: RunEvidence, groups: FailureGroup[]): { bots: BotTarget[]; unverifiable: FailureGroup[]; notes: string[]; notPrompt: FailureGroup[] } {
  const kinds = new Map((evidence.meta.bots ?? []).map((b) => [b.name, b.kind ?? 'prompt']));
  const notPrompt = groups.filter((g) => g.bot !== undefined && (kinds.get(g.bot) ?? 'prompt') !== 'prompt');
  return { bots: [], unverifiable: groups.filter((g) => !notPrompt.includes(g)), notes: [], notPrompt };
}

/** With a model: each bot of the run with its scenarios and model names, checked against the suite on disk. */
async function planTargets(options: RefineOptions, evidence: RunEvidence, groups: FailureGroup[], display: (p: string) => string): Promise<{ bots: BotTarget[]; unverifiable: FailureGroup[]; notes: string[]; notPrompt: FailureGroup[] }> {
  const withBot = groups.filter((g) => g.bot);
  const notPrompt: FailureGroup[] = [];
  if (withBot.length === 0) return { bots: [], unverifiable: groups, notes: [], notPrompt };
  const suite = await loadSuite({ paths: options.scenarioPaths, botsDir: options.botsDir, display, ...(options.env ? { env: options.env } : {}) });
  const known = new Set(suite.scenarios.map((s) => s.id));
  const bots: BotTarget[] = [];
  const notes: string[] = [];
  for (const name of [...new Set(withBot.map((g) => g.bot!))]) {
    const bot = suite.bots.get(name);
    if (!bot) throw new SlotcheckError('UNKNOWN_BOT', `the run used bot "${name}", but no scenario in ${options.scenarioPaths.map(display).join(', ')} does; pass the scenarios the run used`);
    const botGroups = withBot.filter((g) => g.bot === name);
    if (bot.kind !== 'prompt') {
      notPrompt.push(...botGroups);
      continue;
    }
    const missing = [...new Set(botGroups.flatMap((g) => g.scenarioIds))].filter((id) => !known.has(id));
    if (missing.length > 0) throw new SlotcheckError('UNKNOWN_ID', `scenario${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of the run ${missing.length > 1 ? 'are' : 'is'} not in ${options.scenarioPaths.map(display).join(', ')}; pass the scenarios the run used`);
    const ran = evidence.bots.get(name);
    const modelName = options.modelName ?? ran?.model ?? bot.settings.model;
    if (!modelName) throw new SlotcheckError('MODEL_NOT_CONFIGURED', `no model for bot "${name}": pass --model`);
    if (ran?.promptHash && ran.promptHash !== contentHash(bot.promptSource)) {
      notes.push(`${display(join(bot.dir, 'prompt.md'))} changed since the run (prompt ${ran.promptHash} then, ${contentHash(bot.promptSource)} now): fixes are made to the current prompt, with the run's evidence.`);
    }
    const scenarioIds = suite.scenarios.filter((s) => s.bot === name).map((s) => s.id);
    bots.push({ bot, scenarioIds, groups: botGroups, modelName, metaModelName: options.metaModelName ?? modelName });
  }
  return { bots, unverifiable: groups.filter((g) => !g.bot), notes, notPrompt };
}

function openSession(options: RefineSession['options'], deps: RefineDeps, evidence: RunEvidence, guide: RefineSession['guide'], prompts: RefineSession['prompts'], display: (p: string) => string): RefineSession {
  const startedAt = deps.clock();
  const refineId = newRunId(startedAt);
  const outDir = options.outDir ?? join(options.runDir, `refine-${refineId}`);
  const paths = guidePaths(options.guidesDir, options.guideName);
  const report: RefineReport = {
    schemaVersion: 1, refineId, runId: evidence.meta.runId, runDir: display(options.runDir), startedAt: startedAt.toISOString(),
    mode: deps.model ? 'verify' : 'offline',
    trials: options.trials, suiteTrials: options.suiteTrials, maxAttempts: options.attempts,
    guide: { name: options.guideName, json: display(paths.json), markdown: display(paths.markdown) },
    refinedPrompts: [], notes: [], classes: [], exitCode: 0,
  };
  return { options, deps, display, log: deps.log ?? (() => undefined), secrets: deps.secrets ?? [], evidence, prompts, guide, report, outDir };
}

/** The bot's prompt as it is now, for a seed's meta-prompt (none for analysed conversations). */
function currentPrompt(botsDir: string, bot: string | undefined, display: (p: string) => string): string | undefined {
  const file = bot ? join(botsDir, bot, 'prompt.md') : undefined;
  return file && existsSync(file) ? readTextFile(file, display(file), 'TEMPLATE_INVALID') : undefined;
}

async function finish(session: RefineSession): Promise<RefineResult> {
  const { report } = session;
  report.finishedAt = session.deps.clock().toISOString();
  report.exitCode = refineExitCode(report.classes, report.transfers);
  // In the run's order (bot, then class), whichever order they were handled in.
  const order = (c: ClassResult) => session.evidence.groups.findIndex((g) => g.bot === c.bot && g.failureClass === c.failureClass);
  report.classes.sort((a, b) => order(a) - order(b));
  await writeRefineReport(session.outDir, report);
  return { report, outDir: session.outDir };
}

/**
 * 3 when API errors kept a class from being fixed; 1 when a class has no verified principle, or a
 * principle was harmful on a transfer bot; 3 when API errors left a transfer check inconclusive; else 0.
 */
export function refineExitCode(classes: readonly ClassResult[], transfers: readonly TransferResult[] = []): number {
  const unfixed = classes.filter((c) => c.status === 'no-verified-fix' || c.status === 'fixed-not-generalised');
  if (unfixed.some((c) => c.attempts.some((a) => a.outcome === 'api-error' || a.outcome === 'inconclusive'))) return 3;
  if (unfixed.length > 0) return 1;
  return transferExitCode(transfers);
}
