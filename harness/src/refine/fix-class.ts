import { join } from 'node:path';
import { contentHash } from '../core/hash.js';
import type { FailureClass } from '../detect/failure.js';
import type { ChatModel } from '../model/chat-model.js';
import type { ScenarioOutcome } from './outcomes.js';
import type { FailureGroup } from './evidence.js';
import { askStructured, classContext, excerptView, type MetaPrompts } from './meta-prompts.js';
import { applyPatch, describePatch, PromptPatchSchema, type PromptPatch } from './patch.js';
import type { Attempt } from './report-schema.js';
import { verifyPatch, type ScenarioRunner, type VerifyResult } from './verify.js';

/** Everything the attempt loop for one class needs. */
export interface FixRequest {
  group: FailureGroup;
  /** The prompt template as it stands (earlier classes' fixes applied). */
  promptSource: string;
  baseline: ReadonlyMap<string, ScenarioOutcome>;
  /** The bot's scenarios where the class occurs (in the run, or since an earlier fix brought it to light). */
  failing: string[];
  /** The bot's other scenarios. */
  others: string[];
  /** The bot's classes still to be fixed after this one (see VerifyRequest.deferred). */
  deferred: readonly FailureClass[];
  maxAttempts: number;
  trials: number;
  suiteTrials: number;
  /** Folder for this class's verification runs. */
  dir: string;
}

/** The model side and the runner, shared by every class of a refine. */
export interface FixEnv {
  model: ChatModel;
  metaModelName: string;
  prompts: MetaPrompts;
  run: ScenarioRunner;
  /** Throws when a patched prompt is not a valid template for the bot. */
  validatePrompt: (source: string) => void;
  secrets: readonly string[];
  display: (path: string) => string;
  log: (line: string) => void;
  signal?: AbortSignal;
}

export interface FixOutcome {
  attempts: Attempt[];
  accepted?: { patch: PromptPatch; promptSource: string; result: VerifyResult };
}

/**
 * Propose → apply → verify, up to `maxAttempts` times, feeding each failed
 * attempt back into the next proposal. Every attempt is recorded. An API error
 * ends the loop: retrying against an unreachable model only adds errors.
 */
export async function fixClass(request: FixRequest, env: FixEnv): Promise<FixOutcome> {
  const attempts: Attempt[] = [];
  for (let n = 1; n <= request.maxAttempts; n += 1) {
    const prompt = renderFixPrompt(env.prompts, request.group, request.promptSource, attempts);
    const answer = await askStructured(env.model, { modelName: env.metaModelName, prompt, schema: PromptPatchSchema, secrets: env.secrets, ...(env.signal ? { signal: env.signal } : {}) });
    if (!answer.ok) {
      attempts.push({ n, outcome: answer.outcome, problem: answer.problem, rawOutputs: answer.raw });
      env.log(`  attempt ${n}: ${answer.outcome}`);
      if (answer.outcome === 'api-error') break;
      continue;
    }
    const patch = answer.value;
    const applied = applyPatch(request.promptSource, patch, env.validatePrompt);
    if (!applied.ok) {
      attempts.push({ n, outcome: 'does-not-apply', problem: `The patch does not apply: ${applied.problem}.`, patch });
      env.log(`  attempt ${n}: the patch does not apply`);
      continue;
    }
    const result = await verifyPatch(
      { failureClass: request.group.failureClass, promptSource: applied.text, failing: request.failing, others: request.others, baseline: request.baseline, deferred: request.deferred, trials: request.trials, suiteTrials: request.suiteTrials, dir: join(request.dir, `attempt-${n}`) },
      env.run,
      env.display,
    );
    attempts.push({ n, outcome: result.outcome, ...(result.problem ? { problem: result.problem } : {}), patch, patchedPromptHash: contentHash(applied.text), verification: result.verification });
    env.log(`  attempt ${n}: ${result.outcome}`);
    if (result.outcome === 'accepted') return { attempts, accepted: { patch, promptSource: applied.text, result } };
    if (result.outcome === 'inconclusive') break;
  }
  return { attempts };
}

/** The fix-proposal meta-prompt, exactly as sent (offline seeds record it too). */
export function renderFixPrompt(prompts: MetaPrompts, group: FailureGroup, promptSource: string, attempts: readonly Attempt[]): string {
  return prompts.fix({
    failureClass: classContext(group.failureClass),
    failures: group.failures,
    scenarioIds: group.scenarioIds,
    excerpts: excerptView(group.excerpts),
    prompt: promptSource.trimEnd(),
    attempts: attempts.map((a) => ({ n: a.n, outcome: a.outcome, problem: a.problem ?? '', patch: a.patch ? describePatch(a.patch) : '' })),
  });
}
