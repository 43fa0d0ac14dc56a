import { join } from 'node:path';
import type { FailureClass } from '../detect/failure.js';
import type { PassRate } from '../guide/schema.js';
import type { ScenarioOutcome } from './outcomes.js';
import type { AttemptOutcome, Verification } from './report-schema.js';

/** Runs scenarios of one bot with a prompt in memory (runSuite with `only` and `promptOverrides`); returns per-scenario outcomes. */
export type ScenarioRunner = (request: { only: string[]; trials: number; outDir: string; promptSource: string }) => Promise<ScenarioOutcome[]>;

export interface VerifyRequest {
  failureClass: FailureClass;
  /** The patched prompt template. */
  promptSource: string;
  /** Scenarios where the class occurred: re-run with `trials` each. */
  failing: string[];
  /** The rest of the bot's suite: re-run with `suiteTrials` each, to catch regressions. */
  others: string[];
  /** Outcome of every scenario with the prompt before the patch. */
  baseline: ReadonlyMap<string, ScenarioOutcome>;
  /**
   * The bot's classes still to be fixed after this one in the same refine. A
   * patch that stops one fault often lets another one show where the first hid
   * it (a bot that no longer re-asks gets far enough to book too early): in a
   * scenario that already failed, such a class is left to its own fix, which
   * must then clear it everywhere, rather than counted as a regression.
   */
  deferred?: readonly FailureClass[];
  trials: number;
  suiteTrials: number;
  /** Folder for this attempt's run folders. */
  dir: string;
}

export interface VerifyResult {
  outcome: Extract<AttemptOutcome, 'accepted' | 'not-fixed' | 'regression' | 'inconclusive'>;
  problem?: string;
  verification: Verification;
  /** Outcome per scenario with the patched prompt: the next baseline when accepted. */
  after: ScenarioOutcome[];
}

/**
 * Re-runs the failing scenarios; only when the class is gone there, the rest
 * of the suite (a patch that does not fix is not worth a full run; one that
 * does gets the full list of what it broke). Accepts
 * when the class is gone, nothing that passed fails, no scenario shows a
 * class it did not have, and no conversation hit an API error.
 */
export async function verifyPatch(request: VerifyRequest, run: ScenarioRunner, display: (path: string) => string): Promise<VerifyResult> {
  const runs = [join(request.dir, 'failing')];
  let after = await run({ only: request.failing, trials: request.trials, outDir: runs[0]!, promptSource: request.promptSource });
  const fixed = stillFailing(after, request.failureClass).length === 0 && errorsIn(after) === 0;
  if (fixed && request.others.length > 0) {
    runs.push(join(request.dir, 'suite'));
    after = [...after, ...(await run({ only: request.others, trials: request.suiteTrials, outDir: runs[1]!, promptSource: request.promptSource }))];
  }
  return judgeVerification(request, after, runs.map(display));
}

/** The verdict on a verification's outcomes (pure). */
export function judgeVerification(request: Pick<VerifyRequest, 'failureClass' | 'failing' | 'baseline' | 'deferred'>, after: ScenarioOutcome[], runs: string[]): VerifyResult {
  const cls = request.failureClass;
  const surfaced = surfacedClasses(request.baseline, after, request.deferred ?? []);
  const failingAfter = after.filter((s) => request.failing.includes(s.id));
  const verification: Verification = {
    runs,
    failing: { before: passRate([...request.baseline.values()].filter((s) => request.failing.includes(s.id)), cls), after: passRate(failingAfter, cls) },
    ...(after.length > failingAfter.length ? { suite: { before: passRate([...request.baseline.values()], cls), after: passRate(after, cls) } } : {}),
    stillFailing: stillFailing(after, cls).map((s) => ({ scenarioId: s.id, failed: s.conversationsWith[cls] ?? 0, trials: s.trials })),
    regressions: findRegressions(request.baseline, after, [cls, ...(request.deferred ?? [])]),
    ...(surfaced.length > 0 ? { surfaced } : {}),
    errors: errorsIn(after),
  };
  if (verification.errors > 0) {
    return { outcome: 'inconclusive', problem: `${verification.errors} verification conversation(s) hit an API error, so the patch could not be judged`, verification, after };
  }
  if (verification.stillFailing.length > 0) {
    const where = verification.stillFailing.map((s) => `${s.scenarioId} (${s.failed} of ${s.trials} trial(s))`).join(', ');
    return { outcome: 'not-fixed', problem: `\`${cls}\` still occurs with the patched prompt in ${where}.`, verification, after };
  }
  if (verification.regressions.length > 0) {
    const what = verification.regressions.map((r) => `${r.scenarioId}: ${r.reason}`).join('; ');
    return { outcome: 'regression', problem: `The patch stopped \`${cls}\` but broke other behaviour: ${what}.`, verification, after };
  }
  return { outcome: 'accepted', verification, after };
}

function stillFailing(after: readonly ScenarioOutcome[], cls: FailureClass): ScenarioOutcome[] {
  return after.filter((s) => (s.failuresByClass[cls] ?? 0) > 0);
}

/** A scenario regresses when it passed every trial before and fails now, or shows a class (other than those being fixed) it did not have. */
export function findRegressions(baseline: ReadonlyMap<string, ScenarioOutcome>, after: readonly ScenarioOutcome[], fixing: FailureClass | readonly FailureClass[]): Array<{ scenarioId: string; reason: string }> {
  const fixed: readonly string[] = typeof fixing === 'string' ? [fixing] : fixing;
  const found: Array<{ scenarioId: string; reason: string }> = [];
  for (const now of after) {
    const before = baseline.get(now.id);
    if (!before) continue;
    const newClasses = Object.keys(now.failuresByClass).filter((c) => !fixed.includes(c) && !(c in before.failuresByClass));
    const passedBefore = before.trials > 0 && before.passes === before.trials;
    if (passedBefore && now.failed > 0) found.push({ scenarioId: now.id, reason: `passed before, now fails${newClasses.length ? ` with ${newClasses.join(', ')}` : ''}` });
    else if (newClasses.length > 0) found.push({ scenarioId: now.id, reason: `now also fails with ${newClasses.join(', ')}` });
  }
  return found;
}

/** Deferred classes that scenarios which already failed show now and did not before. */
function surfacedClasses(baseline: ReadonlyMap<string, ScenarioOutcome>, after: readonly ScenarioOutcome[], deferred: readonly FailureClass[]): Array<{ scenarioId: string; classes: FailureClass[] }> {
  return after.flatMap((now) => {
    const before = baseline.get(now.id);
    if (!before || before.passes === before.trials) return [];
    const classes = deferred.filter((c) => c in now.failuresByClass && !(c in before.failuresByClass));
    return classes.length > 0 ? [{ scenarioId: now.id, classes }] : [];
  });
}

export function passRate(scenarios: readonly ScenarioOutcome[], cls: FailureClass): PassRate {
  const sum = (f: (s: ScenarioOutcome) => number) => scenarios.reduce((n, s) => n + f(s), 0);
  return { trials: sum((s) => s.trials), passed: sum((s) => s.passes), withoutClass: sum((s) => s.trials - s.errors - (s.conversationsWith[cls] ?? 0)) };
}

function errorsIn(scenarios: readonly ScenarioOutcome[]): number {
  return scenarios.reduce((n, s) => n + s.errors, 0);
}
