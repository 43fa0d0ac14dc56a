import { TokenBudget } from '../model/token-budget.js';
import type { PipelineResult } from '../pipeline/index.js';
import type { CliIO } from './io.js';
import { printInterrupted } from './summary-line.js';

/** What stops a run early: Ctrl-C (the CLI's signal) or, with `--max-tokens`, the token budget. */
export interface RunStop {
  signal: AbortSignal;
  budget?: TokenBudget;
  /** After the run: when it was stopped with conversations left, says why and how to finish; true then (exit 130). */
  report(result: Pick<PipelineResult, 'outDir' | 'missing'>): boolean;
}

/**
 * A run stopped by its budget ends exactly like an interrupted one: the
 * conversations in flight are dropped (a resumed run plays them), the report
 * of those completed is written, and `--resume` finishes it.
 */
export function createRunStop(io: CliIO, maxTokens: number | undefined): RunStop {
  const controller = new AbortController();
  if (io.signal?.aborted) controller.abort(io.signal.reason);
  else io.signal?.addEventListener('abort', () => controller.abort(io.signal?.reason), { once: true });
  const budget = maxTokens ? new TokenBudget(maxTokens, () => controller.abort(new Error('token budget'))) : undefined;
  return {
    signal: controller.signal,
    ...(budget ? { budget } : {}),
    report(result) {
      if (result.missing === 0 || !(controller.signal.aborted || budget?.exhausted)) return false;
      const byBudget = budget?.exhausted === true && io.signal?.aborted !== true;
      printInterrupted(io, result, byBudget ? `stopped before passing the token budget (--max-tokens ${budget!.maxTokens}; ${budget!.spent.toLocaleString('en-US')} tokens spent)` : 'interrupted');
      return true;
    },
  };
}
