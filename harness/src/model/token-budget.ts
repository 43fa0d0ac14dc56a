import { SlotcheckError } from '../core/errors.js';
import type { ChatCallOptions, ChatModel, ChatRequest, ChatResult } from './chat-model.js';
import { estimateTokens } from './limited-model.js';

/**
 * A run's token allowance (`--max-tokens`). Calls in flight hold their
 * estimate until the endpoint reports what they used, so concurrent calls
 * cannot together slip past it.
 */
export class TokenBudget {
  private spentTokens = 0;
  private reserved = 0;
  private stopped = false;

  constructor(
    readonly maxTokens: number,
    /** Called once, when a call would pass the budget: the run stops as on Ctrl-C. */
    private readonly onExhausted: () => void,
  ) {}

  /** Tokens the endpoint reported so far (estimates for calls that reported none). */
  get spent(): number {
    return this.spentTokens;
  }

  get exhausted(): boolean {
    return this.stopped;
  }

  /** Holds `estimate` tokens for a call, or stops the run when that would pass the budget. */
  reserve(estimate: number): void {
    if (this.stopped || this.spentTokens + this.reserved + estimate > this.maxTokens) {
      if (!this.stopped) {
        this.stopped = true;
        this.onExhausted();
      }
      throw new SlotcheckError('TOKEN_BUDGET', `the next call would pass the token budget (--max-tokens ${this.maxTokens}; ${this.spentTokens} spent)`);
    }
    this.reserved += estimate;
  }

  /** Replaces a call's estimate with what it used (0 for a call that failed: endpoints do not bill those). */
  settle(estimate: number, used: number): void {
    this.reserved -= estimate;
    this.spentTokens += used;
  }
}

/**
 * Checks every call against the budget before it goes out. Sits inside the
 * call cache (a recorded answer costs nothing) and outside the retries (a
 * call and its retries are held as one).
 */
export function withTokenBudget(model: ChatModel, budget: TokenBudget): ChatModel {
  return {
    endpoint: model.endpoint,
    async complete(request: ChatRequest, options?: ChatCallOptions): Promise<ChatResult> {
      const estimate = estimateTokens(request);
      budget.reserve(estimate);
      let used = 0;
      try {
        const result = await model.complete(request, options);
        used = result.usage ? result.usage.promptTokens + result.usage.completionTokens : estimate;
        return result;
      } finally {
        budget.settle(estimate, used);
      }
    },
  };
}
