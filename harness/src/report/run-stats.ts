import type { RunSummary, ScenarioSummary } from './summary.js';

/** A scenario's status over its trials: `flaky` passed some judged trials and failed others; `error` failed none but could not judge some. */
export type ScenarioStatus = 'pass' | 'fail' | 'flaky' | 'error';

export function scenarioStatus(s: Pick<ScenarioSummary, 'passes' | 'failed' | 'errors'>): ScenarioStatus {
  if (s.failed > 0) return s.passes > 0 ? 'flaky' : 'fail';
  // Errors are not bot failures, but a scenario with unjudged trials needs a look.
  return s.errors > 0 ? 'error' : 'pass';
}

/** Headline rates of a run; `null` where nothing was judged. */
export interface PassRates {
  /** Passed conversations of all conversations (errors count as not passed); null when none was judged. */
  passRate: number | null;
  /** Mean over scenarios of each one's share of passing judged trials. */
  passAt1: number | null;
  /** Share of scenarios whose every judged trial passed (τ-bench's pass^k with k = trials per scenario). */
  passHatK: number | null;
  /** Trials per scenario (the k of pass^k). */
  k: number;
}

export function passRates(summary: Pick<RunSummary, 'totals' | 'scenarios' | 'trials'>): PassRates {
  const judged = summary.scenarios.filter((s) => s.passes + s.failed > 0);
  const mean = (values: number[]) => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length);
  return {
    passRate: passRateOf(summary.totals),
    passAt1: mean(judged.map((s) => s.passes / (s.passes + s.failed))),
    passHatK: mean(judged.map((s) => (s.failed === 0 ? 1 : 0))),
    k: summary.trials ?? 1,
  };
}

/** Passed conversations of all conversations; null when nothing was judged (every conversation errored): no rate, not a rate of 0. */
export function passRateOf(totals: Pick<RunSummary['totals'], 'conversations' | 'passed' | 'failed'>): number | null {
  return totals.passed + totals.failed > 0 ? totals.passed / totals.conversations : null;
}

/** 0.834 → "83 %", null → "–". */
export function formatRate(rate: number | null): string {
  return rate === null ? '–' : `${Math.round(rate * 100)} %`;
}
