import { join } from 'node:path';
import { withPrompt } from '../bot/load.js';
import type { PromptBotDefinition as Bot } from '../bot/schema.js';
import { contentHash } from '../core/hash.js';
import type { ScenarioOutcome } from '../refine/outcomes.js';
import type { ScenarioRunner } from '../refine/verify.js';
import type { Scenario } from '../scenario/schema.js';
import { applyPrinciples, renderApplyPrompt, type ApplyEnv, type BotContext } from './apply.js';
import { transferKey } from './merge.js';
import type { Guide, Principle, TransferProvenance } from './schema.js';
import { transferExcerpts } from './transfer-evidence.js';
import { judgeTransfer } from './transfer-judge.js';
import type { TransferResult } from './transfer-schema.js';
import { scenariosThatCanShow } from './transfer-scope.js';
import { verifiedOn } from './transfer-summary.js';

/** A bot to transfer principles to, with its scenarios in the suite. */
export interface TransferTarget {
  bot: Bot;
  scenarios: Scenario[];
}

/** Which principles to check on which bots, and how. */
export interface TransferPlan {
  /** Names the check: its run folders and the provenance entries' `runId`. */
  checkId: string;
  guide: Pick<Guide, 'title'>;
  principles: readonly Principle[];
  targets: readonly TransferTarget[];
  /** Trials per scenario, before and after. */
  trials: number;
  /** Run folders go under <outDir>/<bot>/. */
  outDir: string;
}

/** The model side, the runner of each bot's suite, and where results go. */
export interface TransferEnv extends ApplyEnv {
  /** The bot's model in the runs. */
  modelNameFor: (bot: string) => string;
  runnerFor: (bot: string) => ScenarioRunner;
  clock: () => Date;
  display: (path: string) => string;
  log: (line: string) => void;
  /** Called with each result as it is known (to record it in the guide at once). */
  onResult: (result: TransferResult) => Promise<void>;
}

const context = (bot: Bot): BotContext => ({ name: bot.name, description: bot.settings.description, task: bot.task });

/** Principles verified on a bot are not transferred to it: that is where they come from. */
function skipReason(principle: Principle, bot: string): string | undefined {
  return verifiedOn(principle).includes(bot) ? `Verified on ${bot}: transfer is checked on other bots.` : undefined;
}

/** Offline: the exact guide-apply meta-prompt each check would send, principle × bot. */
export function transferMetaPrompts(plan: TransferPlan, prompts: ApplyEnv['prompts']): Array<{ principleId: string; bot: string; metaPrompt: string }> {
  return plan.targets.flatMap(({ bot }) =>
    plan.principles
      .filter((p) => !skipReason(p, bot.name))
      .map((p) => ({ principleId: p.id, bot: bot.name, metaPrompt: renderApplyPrompt(prompts, { guide: plan.guide, principles: [p], promptSource: bot.promptSource, bot: context(bot), transfer: true }) })),
  );
}

/**
 * For each bot, then each principle: apply only that principle to the bot's prompt, run the bot's
 * suite before (once per bot) and after, and judge the principle's classes there. Each result is
 * handed to `onResult` as soon as it is known.
 */
export async function checkTransfers(plan: TransferPlan, env: TransferEnv): Promise<TransferResult[]> {
  const results: TransferResult[] = [];
  for (const target of plan.targets) {
    const baseline = lazyBaseline(plan, target, env);
    for (const principle of plan.principles) {
      if (env.signal?.aborted) return results;
      const result = await checkOne(plan, target, principle, baseline, env);
      env.log(`${principle.id} → ${target.bot.name}: ${result.status}`);
      results.push(result);
      await env.onResult(result);
    }
  }
  return results;
}

/** The bot's suite with its own prompt, run the first time a principle needs it. */
function lazyBaseline(plan: TransferPlan, target: TransferTarget, env: TransferEnv): () => Promise<{ outcomes: ScenarioOutcome[]; dir: string }> {
  let running: Promise<{ outcomes: ScenarioOutcome[]; dir: string }> | undefined;
  const dir = join(plan.outDir, target.bot.name, 'before');
  return () => (running ??= env.runnerFor(target.bot.name)({ only: target.scenarios.map((s) => s.id), trials: plan.trials, outDir: dir, promptSource: target.bot.promptSource }).then((outcomes) => ({ outcomes, dir })));
}

async function checkOne(plan: TransferPlan, target: TransferTarget, principle: Principle, baseline: ReturnType<typeof lazyBaseline>, env: TransferEnv): Promise<TransferResult> {
  const { bot } = target;
  const head = { principleId: principle.id, title: principle.title, bot: bot.name };
  const skipped = skipReason(principle, bot.name);
  if (skipped) return { ...head, status: 'skipped', reason: skipped };
  const validate = (text: string) => void withPrompt(bot, text, `${bot.name}'s prompt with ${principle.id}`);
  const applied = await applyPrinciples({ guide: plan.guide, principles: [principle], promptSource: bot.promptSource, bot: context(bot), transfer: true, validate }, env);
  if (!applied.ok) return { ...head, status: 'inconclusive', reason: `The principle could not be applied (${applied.outcome}: ${applied.problem}).` };
  const before = await baseline();
  const afterDir = join(plan.outDir, bot.name, principle.id);
  const patch = applied.value.patch;
  const after = patch ? await env.runnerFor(bot.name)({ only: target.scenarios.map((s) => s.id), trials: plan.trials, outDir: afterDir, promptSource: applied.value.revised }) : before.outcomes;
  const eligible = scenariosThatCanShow(principle.failureClasses, target.scenarios, bot.task);
  const judged = judgeTransfer({ classes: principle.failureClasses, eligible, before: before.outcomes, after });
  const reason = patch ? judged.reason : `The prompt already follows it. ${judged.reason}`;
  if (judged.status === 'inconclusive') return { ...head, status: 'inconclusive', reason };
  const promptHash = contentHash(bot.promptSource);
  const runs = { before, ...(patch ? { after: { dir: afterDir, outcomes: after } } : {}) };
  const excerpts = await transferExcerpts({ status: judged.status, classes: principle.failureClasses, ...runs }, env.display);
  const entry: TransferProvenance = {
    kind: 'transfer', key: transferKey(bot.name, promptHash), failureClass: principle.failureClasses[0]!, runId: plan.checkId, bot: bot.name,
    scenarioIds: eligible, excerpts, date: env.clock().toISOString(), promptHash,
    status: judged.status, reason, classes: principle.failureClasses, rates: judged.rates, suite: judged.suite, regressions: judged.regressions,
    ...(patch ? { patch, patchedPromptHash: contentHash(applied.value.revised) } : {}),
    model: env.modelNameFor(bot.name), metaModel: env.metaModelName, trials: plan.trials,
    runs: [before.dir, ...(patch ? [afterDir] : [])].map(env.display),
  };
  return { ...head, status: judged.status, reason, entry };
}
