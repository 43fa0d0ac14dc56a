import { contentHash } from '../core/hash.js';
import type { FailureGroup } from './evidence.js';
import { renderFixPrompt } from './fix-class.js';
import type { SeedProvenance, VerifiedFixProvenance } from '../guide/schema.js';
import { provenanceKey, recordSeed } from '../guide/merge.js';
import type { PromptPatch } from './patch.js';
import type { Attempt, ClassResult, Verification } from './report-schema.js';
import { recordClass, type RefineSession } from './session.js';

/** Stands in for the prompt in a seed's meta-prompt when the run does not say which prompt produced it. */
export const UNKNOWN_PROMPT = '(The bot prompt behind these conversations is not known: the run analysed recorded conversations. Put the prompt here before sending this meta-prompt.)';

/** The evidence of a class as an unverified seed entry, with the exact fix-proposal meta-prompt that would be sent. */
export function seedProvenance(session: RefineSession, group: FailureGroup, promptSource: string | undefined): SeedProvenance {
  const { evidence } = session;
  const promptHash = group.bot ? evidence.bots.get(group.bot)?.promptHash : undefined;
  return {
    kind: 'seed',
    key: provenanceKey(evidence.meta.runId, group.bot, group.failureClass),
    failureClass: group.failureClass,
    runId: evidence.meta.runId,
    ...(group.bot ? { bot: group.bot } : {}),
    scenarioIds: group.scenarioIds,
    excerpts: group.excerpts,
    date: session.deps.clock().toISOString(),
    ...(promptHash ? { promptHash } : {}),
    metaPrompt: renderFixPrompt(session.prompts, group, promptSource ?? UNKNOWN_PROMPT, []),
  };
}

/** A class without a verified fix: its evidence goes into the guide as (or onto) an unverified seed. */
export async function seedClass(session: RefineSession, group: FailureGroup, promptSource: string | undefined, outcome: Pick<ClassResult, 'status' | 'reason'> & { attempts?: Attempt[] }): Promise<void> {
  const merged = recordSeed(session.guide, seedProvenance(session, group, promptSource));
  await recordClass(
    session,
    { ...classBase(group), status: outcome.status, reason: outcome.reason, attempts: outcome.attempts ?? [], principleId: merged.principleId, guideAction: merged.action },
    merged.guide,
  );
}

/** The provenance of a verified fix: evidence, patch, pass rates, models, prompt versions and run folders. */
export function verifiedProvenance(
  session: RefineSession,
  fix: { group: FailureGroup; promptBefore: string; promptAfter: string; patch: PromptPatch; verification: Verification; attempts: number; model: string; metaModel: string },
): VerifiedFixProvenance {
  const { evidence } = session;
  const v = fix.verification;
  return {
    kind: 'verified-fix',
    key: provenanceKey(evidence.meta.runId, fix.group.bot, fix.group.failureClass),
    failureClass: fix.group.failureClass,
    runId: evidence.meta.runId,
    ...(fix.group.bot ? { bot: fix.group.bot } : {}),
    scenarioIds: fix.group.scenarioIds,
    excerpts: fix.group.excerpts,
    date: session.deps.clock().toISOString(),
    promptHash: contentHash(fix.promptBefore),
    patch: fix.patch,
    patchedPromptHash: contentHash(fix.promptAfter),
    passRates: { failing: v.failing, suite: v.suite ?? v.failing },
    model: fix.model,
    metaModel: fix.metaModel,
    attempts: fix.attempts,
    runs: v.runs,
  };
}

export function classBase(group: FailureGroup): Pick<ClassResult, 'bot' | 'failureClass' | 'scenarioIds' | 'failures'> {
  return { ...(group.bot ? { bot: group.bot } : {}), failureClass: group.failureClass, scenarioIds: group.scenarioIds, failures: group.failures };
}
