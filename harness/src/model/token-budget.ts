import { SlotcheckError } from '../core/errors.js';
import type { ChatCallOptions, ChatModel, ChatRequest, ChatResult } from './chat-model.js';
import { estimateTokens } from './limited-model.js';

/**
 * A run's token allowance (`--max-tokens`). Calls in flight hold their
 * estimate until the endpoint reports what they used, so concurrent calls
 * cannot together slip past it. A stop drops the conversations in flight, and
 * with them what they spent; so a conversation starts only while the budget
 * holds, besides what is spent, twice what the costliest finished one used,
 * for it and for each one in flight (the first runs alone): the run ends when
 * the next one would not fit, rarely at the hard stop. What is left unspent is
 * not lost; what a dropped conversation spent is.
 */
export class TokenBudget {
  private spentTokens = 0;
  private reserved = 0;
  private stopped = false;
  private closed = false;
  private finished = 0;
  /** The most a finished conversation used: scenarios differ, and an estimate too low makes the hard stop drop half-played ones. */
  private largest = 0;

  constructor(
    readonly maxTokens: number,
    /** Called once, when a call would pass the budget: the run stops as on Ctrl-C. */
    private readonly onExhausted: () => void,
  ) {}

  /** Tokens the endpoint reported so far (estimates for calls that reported none). */
  get spent(): number {
    return this.spentTokens;
  }

  /** Whether the budget stopped the run: a call would have passed it, or no further conversation fits in it. */
  get exhausted(): boolean {
    return this.stopped || this.closed;
  }

  /** Records what a finished conversation used (its model calls' tokens): the estimate of the next. */
  conversationDone(tokens: number): void {
    this.finished += 1;
    this.largest = Math.max(this.largest, tokens);
  }

  /**
   * Whether a conversation may start while `inFlight` others are going: now,
   * after one of those has finished (then ask again), or never (then none does).
   */
  admits(inFlight: number): 'start' | 'wait' | 'stop' {
    if (this.stopped || this.closed) return 'stop';
    if (this.finished === 0) return inFlight === 0 ? 'start' : 'wait';
    if (this.spentTokens + this.reserved + 2 * this.largest * (inFlight + 1) <= this.maxTokens) return 'start';
    if (inFlight > 0) return 'wait';
    this.closed = true;
    return 'stop';
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
