import type { FailureClass } from '../detect/failure.js';
import type { ScenarioOutcome } from '../refine/outcomes.js';
import { findRegressions } from '../refine/verify.js';
import type { PassRate, TransferStatus } from './schema.js';

/** A transfer check's verdict, or `inconclusive` when API errors (never bot failures) kept it from being judged. */
export interface TransferJudgement {
  status: TransferStatus | 'inconclusive';
  reason: string;
  rates: { before: PassRate; after: PassRate };
  suite: { before: PassRate; after: PassRate };
  regressions: Array<{ scenarioId: string; reason: string }>;
}

/** Conversations with each class, summed over scenarios. */
function classCounts(outcomes: readonly ScenarioOutcome[], classes: readonly FailureClass[]): number[] {
  return classes.map((cls) => outcomes.reduce((n, s) => n + (s.conversationsWith[cls] ?? 0), 0));
}

/**
 * Of the conversations: passed, and free of the classes. A conversation with two of the classes
 * counts twice (the outcomes count per class), so "free" is never overstated.
 */
function rateOf(outcomes: readonly ScenarioOutcome[], classes: readonly FailureClass[]): PassRate {
  const trials = outcomes.reduce((n, s) => n + s.trials, 0);
  const judged = trials - outcomes.reduce((n, s) => n + s.errors, 0);
  const withClass = classCounts(outcomes, classes).reduce((a, b) => a + b, 0);
  return { trials, passed: outcomes.reduce((n, s) => n + s.passes, 0), withoutClass: Math.max(0, judged - withClass) };
}

const list = (classes: readonly FailureClass[]) => classes.map((c) => `\`${c}\``).join(', ');

/**
 * Before and after one principle was applied to a bot, on its whole suite: harmful when a
 * scenario regressed or a class rose; not applicable when the classes never occurred before;
 * transferred when they dropped; no effect otherwise. Rates are over the scenarios that can show
 * the classes (`eligible`).
 */
export function judgeTransfer(input: { classes: readonly FailureClass[]; eligible: readonly string[]; before: readonly ScenarioOutcome[]; after: readonly ScenarioOutcome[] }): TransferJudgement {
  const { classes, eligible } = input;
  const pick = (outcomes: readonly ScenarioOutcome[]) => outcomes.filter((s) => eligible.includes(s.id));
  const rates = { before: rateOf(pick(input.before), classes), after: rateOf(pick(input.after), classes) };
  const suite = { before: rateOf(input.before, classes), after: rateOf(input.after, classes) };
  const regressions = findRegressions(new Map(input.before.map((s) => [s.id, s])), input.after, classes);
  const base = { rates, suite, regressions };
  const errors = [...input.before, ...input.after].reduce((n, s) => n + s.errors, 0);
  if (errors > 0) return { ...base, status: 'inconclusive', reason: `${errors} conversation(s) hit an API error, so the transfer could not be judged (not counted as a bot failure).` };
  const before = classCounts(pick(input.before), classes);
  const after = classCounts(pick(input.after), classes);
  const rose = classes.filter((_, i) => after[i]! > before[i]!);
  const shown = (counts: number[]) => `${counts.reduce((a, b) => a + b, 0)} of ${rates.before.trials}`;
  if (regressions.length > 0) return { ...base, status: 'harmful', reason: `It broke other behaviour: ${regressions.map((r) => `${r.scenarioId} ${r.reason}`).join('; ')}.` };
  if (rose.length > 0) return { ...base, status: 'harmful', reason: `${list(rose)} rose: in ${shown(before)} conversations before, ${shown(after)} after.` };
  if (eligible.length === 0) return { ...base, status: 'not-applicable', reason: `No scenario of the bot's suite can show ${list(classes)}.` };
  if (before.every((n) => n === 0)) return { ...base, status: 'not-applicable', reason: `The bot never showed ${list(classes)} (0 of ${rates.before.trials} conversations of the scenarios that can show it), so there was nothing to fix.` };
  if (after.reduce((a, b) => a + b, 0) < before.reduce((a, b) => a + b, 0)) return { ...base, status: 'transferred', reason: `${list(classes)} dropped from ${shown(before)} conversations to ${shown(after)}, with no regression.` };
  return { ...base, status: 'no-effect', reason: `${list(classes)} did not drop: in ${shown(before)} conversations before, ${shown(after)} after.` };
}
