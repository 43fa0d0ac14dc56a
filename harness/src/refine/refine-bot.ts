import { join } from 'node:path';
import { withPrompt } from '../bot/load.js';
import type { PromptBotDefinition as Bot } from '../bot/schema.js';
import type { FailureClass } from '../detect/failure.js';
import type { ChatModel } from '../model/chat-model.js';
import type { ScenarioOutcome } from './outcomes.js';
import { scenarioRunner } from './scenario-runner.js';
import type { FailureGroup } from './evidence.js';
import { fixClass, type FixEnv, type FixOutcome } from './fix-class.js';
import { extractPrinciple, judgeCandidate } from './generalise.js';
import { mergeVerified, recordUngeneralisedFix } from '../guide/merge.js';
import { classBase, seedClass, verifiedProvenance } from './record.js';
import { writeRefinedPrompt } from './refined-prompt.js';
import { recordClass, type RefineSession } from './session.js';

/** One bot's part of a refine: its scenarios and the model names to use. */
export interface BotTarget {
  bot: Bot;
  /** Ids of every scenario of the suite that uses this bot. */
  scenarioIds: string[];
  groups: FailureGroup[];
  modelName: string;
  metaModelName: string;
}

/**
 * Fixes the bot's failure classes one after the other, each on top of the
 * fixes accepted before it, so the refined prompt carries them all; the
 * baseline for regressions moves with it.
 */
export async function refineBot(session: RefineSession, target: BotTarget, model: ChatModel): Promise<void> {
  const env = fixEnv(session, target, model);
  let promptSource = target.bot.promptSource;
  let baseline = new Map(session.evidence.scenarios.filter((s) => s.bot === target.bot.name).map((s) => [s.id, s]));
  const fixedBefore: string[] = [];
  for (const [i, group] of target.groups.entries()) {
    if (session.deps.signal?.aborted) return;
    const { failing, others, deferred } = scopeOf(target, i, baseline);
    const dir = join(session.outDir, 'verify', `${target.bot.name}-${group.failureClass}`);
    // After a fix the baseline is a run of the whole suite: a class it no longer shows is checked with the refine's trials.
    const unseen = fixedBefore.length > 0 && failing.every((id) => !baseline.get(id)?.failuresByClass[group.failureClass]);
    const gone = unseen ? await goneAfterFixes(session, { group, failing, fixedBefore, promptSource, dir: join(dir, 'before') }, env) : undefined;
    if (gone) {
      await recordClass(session, { ...classBase(group), status: 'skipped', reason: gone, attempts: [] });
      continue;
    }
    session.log(`${target.bot.name}: ${group.failureClass} in ${failing.join(', ')}`);
    const outcome = await fixClass(
      { group, promptSource, baseline, failing, others, deferred, maxAttempts: session.options.attempts, trials: session.options.trials, suiteTrials: session.options.suiteTrials, dir },
      env,
    );
    if (!outcome.accepted) {
      await seedClass(session, group, promptSource, { status: 'no-verified-fix', reason: whyNotFixed(outcome), attempts: outcome.attempts });
      continue;
    }
    await generalise(session, target, group, promptSource, outcome, env);
    promptSource = outcome.accepted.promptSource;
    baseline = withOutcomes(baseline, outcome.accepted.result.after);
    fixedBefore.push(group.failureClass);
    await writeRefinedPrompt(session, target.bot, promptSource);
  }
}

/**
 * The scenarios of the i-th class: where it occurred in the run, or occurs
 * since a fix brought it to light; the rest of the bot's suite; and the
 * classes still to be fixed after it.
 */
function scopeOf(target: BotTarget, i: number, baseline: ReadonlyMap<string, ScenarioOutcome>): { failing: string[]; others: string[]; deferred: FailureClass[] } {
  const group = target.groups[i]!;
  const failing = target.scenarioIds.filter((id) => group.scenarioIds.includes(id) || (baseline.get(id)?.failuresByClass[group.failureClass] ?? 0) > 0);
  return { failing, others: target.scenarioIds.filter((id) => !failing.includes(id)), deferred: target.groups.slice(i + 1).map((g) => g.failureClass) };
}

/**
 * A class the run showed may have been a symptom of one fixed before it (a bot
 * that re-asks runs out of turns): its scenarios are run again with the prompt
 * as fixed so far, with the refine's trials. When the class is gone, there is
 * nothing to fix, and no fix to credit with it: the reason says so.
 */
async function goneAfterFixes(
  session: RefineSession, check: { group: FailureGroup; failing: string[]; fixedBefore: string[]; promptSource: string; dir: string }, env: FixEnv,
): Promise<string | undefined> {
  const { group, failing, fixedBefore, promptSource, dir } = check;
  const trials = session.options.trials;
  const now = await env.run({ only: failing, trials, outDir: dir, promptSource });
  if (now.some((s) => s.errors > 0 || (s.failuresByClass[group.failureClass] ?? 0) > 0)) return undefined;
  const fixes = fixedBefore.map((c) => `\`${c}\``).join(', ');
  return `No longer occurs after the fixes of ${fixes}: with the prompt as fixed, ${failing.join(', ')} ran ${trials} trial(s) each without it (${session.display(dir)}), so there is nothing left to fix.`;
}

/** Extracts the principle of a verified fix and merges it into the guide; without a principle the fix is still kept. */
async function generalise(session: RefineSession, target: BotTarget, group: FailureGroup, promptBefore: string, outcome: FixOutcome, env: FixEnv): Promise<void> {
  const accepted = outcome.accepted!;
  const entry = verifiedProvenance(session, {
    group, promptBefore, promptAfter: accepted.promptSource, patch: accepted.patch, verification: accepted.result.verification,
    attempts: outcome.attempts.length, model: target.modelName, metaModel: target.metaModelName,
  });
  const base = { ...classBase(group), attempts: outcome.attempts };
  const principle = await extractPrinciple({ group, promptBefore, patch: accepted.patch, passRates: entry.passRates }, env);
  if (!principle.ok) {
    const merged = recordUngeneralisedFix(session.guide, entry);
    const reason = `The fix was verified, but no principle could be extracted (${principle.outcome}: ${principle.problem}); the fix is kept on the class's seed in the guide.`;
    return recordClass(session, { ...base, status: 'fixed-not-generalised', reason, principleId: merged.principleId, guideAction: merged.action }, merged.guide);
  }
  const judged = await judgeCandidate(session.guide, principle.value, env);
  const merged = mergeVerified(session.guide, principle.value, entry, judged.verdict);
  const seeds = merged.upgradedSeeds.length > 0 ? ` Replaced the unverified seed ${merged.upgradedSeeds.join(', ')}.` : '';
  const reason = `Verified in attempt ${outcome.attempts.length}; generalised into "${principle.value.title}" (${merged.action}: ${judged.reason}).${seeds}`;
  await recordClass(session, { ...base, status: 'fixed', reason, principleId: merged.principleId, guideAction: merged.action }, merged.guide);
}

function whyNotFixed(outcome: FixOutcome): string {
  const last = outcome.attempts.at(-1);
  const list = outcome.attempts.map((a) => a.outcome).join(', ');
  if (last && (last.outcome === 'api-error' || last.outcome === 'inconclusive')) return `Stopped by an API error after ${outcome.attempts.length} attempt(s) (${list}): ${last.problem ?? ''} Not counted as a fix or a bot failure.`;
  return `No patch passed verification in ${outcome.attempts.length} attempt(s) (${list}). Last: ${last?.problem ?? 'no answer'}`;
}

function withOutcomes(baseline: ReadonlyMap<string, ScenarioOutcome>, after: readonly ScenarioOutcome[]): Map<string, ScenarioOutcome> {
  const next = new Map(baseline);
  for (const s of after) next.set(s.id, s);
  return next;
}

function fixEnv(session: RefineSession, target: BotTarget, model: ChatModel): FixEnv {
  const { options, deps } = session;
  const signal = deps.signal ? { signal: deps.signal } : {};
  return {
    model, metaModelName: target.metaModelName, prompts: session.prompts,
    validatePrompt: (source) => void withPrompt(target.bot, source, 'the patched prompt'), secrets: session.secrets, display: session.display, log: session.log,
    ...signal,
    run: scenarioRunner(
      {
        scenarioPaths: options.scenarioPaths, botsDir: options.botsDir, reportsDir: session.outDir, concurrency: options.concurrency, conversationTimeoutMs: options.conversationTimeoutMs,
        modelName: target.modelName, detectors: session.evidence.meta.detectors, clock: deps.clock, display: session.display, ...signal,
        ...(options.env ? { env: options.env } : {}),
      },
      model,
      target.bot.name,
    ),
  };
}
