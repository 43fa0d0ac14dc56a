import { describe, expect, it } from 'vitest';
import type { ChatModel, ChatRequest } from './chat-model.js';
import { estimateTokens } from './limited-model.js';
import { TokenBudget, withTokenBudget } from './token-budget.js';
import { UsageMeter, withUsageMeter } from './usage.js';

const request: ChatRequest = { model: 'm', messages: [{ role: 'user', content: 'x'.repeat(400) }], maxTokens: 100 };
const ESTIMATE = estimateTokens(request); // 100 + 100

/** A model whose calls wait until released, reporting `used` tokens (or no usage). */
function heldModel(used: number | undefined) {
  const waiting: Array<() => void> = [];
  const model: ChatModel = {
    endpoint: 'test',
    complete: () => new Promise((resolve) => waiting.push(() => resolve({ message: { role: 'assistant', content: 'ok' }, finishReason: 'stop', ...(used !== undefined ? { usage: { promptTokens: used - 1, completionTokens: 1 } } : {}) }))),
  };
  return { model, release: () => waiting.splice(0).forEach((go) => go()) };
}

describe('token budget', () => {
  it('holds the estimate of calls in flight, so concurrent calls cannot pass it together', async () => {
    let stops = 0;
    const budget = new TokenBudget(ESTIMATE * 2 + 10, () => (stops += 1));
    const { model, release } = heldModel(50);
    const limited = withTokenBudget(model, budget);
    const first = [limited.complete(request), limited.complete(request)];
    await expect(limited.complete(request)).rejects.toMatchObject({ code: 'TOKEN_BUDGET' });
    expect(stops).toBe(1);
    release();
    await Promise.all(first);
    expect(budget.spent).toBe(100);
    // Once stopped it stays stopped, and says so once.
    await expect(limited.complete(request)).rejects.toMatchObject({ code: 'TOKEN_BUDGET' });
    expect(stops).toBe(1);
  });

  it('counts the estimate for a call that reports no usage, and nothing for one that failed', async () => {
    const budget = new TokenBudget(10_000, () => undefined);
    const { model, release } = heldModel(undefined);
    const call = withTokenBudget(model, budget).complete(request);
    release();
    await call;
    expect(budget.spent).toBe(ESTIMATE);
    const failing: ChatModel = { endpoint: 't', complete: () => Promise.reject(new Error('down')) };
    await expect(withTokenBudget(failing, budget).complete(request)).rejects.toThrow('down');
    expect(budget.spent).toBe(ESTIMATE);
  });
});

describe('usage meter', () => {
  it('counts per role and model; cached answers and missing usage are kept apart from tokens', async () => {
    const meter = new UsageMeter();
    const answers = [{ usage: { promptTokens: 30, completionTokens: 5 } }, { usage: { promptTokens: 30, completionTokens: 5 }, cached: true }, {}];
    let n = 0;
    const model: ChatModel = { endpoint: 't', complete: async () => ({ message: { role: 'assistant', content: 'a' }, finishReason: 'stop', ...answers[n++ % 3] }) };
    const metered = withUsageMeter(model, meter);
    await metered.complete(request);
    await metered.complete(request);
    await metered.complete(request, { role: 'tagger' });
    expect(meter.usage).toEqual({
      bot: { m: { calls: 1, promptTokens: 30, completionTokens: 5, cached: 1 } },
      tagger: { m: { calls: 1, promptTokens: 0, completionTokens: 0, unreported: 1 } },
    });
  });
});

describe('token budget: which conversations start', () => {
  it('the first runs alone; then one starts while twice the costliest finished one fits for it and each in flight; a refusal with none in flight is final', async () => {
    const budget = new TokenBudget(10_000, () => undefined);
    expect(budget.admits(0)).toBe('start');
    expect(budget.admits(1)).toBe('wait');
    const { model, release } = heldModel(1000);
    const call = withTokenBudget(model, budget).complete(request);
    release();
    await call;
    budget.conversationDone(1000);
    // spent 1,000 + 2 × 1,000 per conversation: room for four at once.
    expect(budget.admits(3)).toBe('start');
    expect(budget.admits(4)).toBe('wait');
    budget.conversationDone(5000);
    expect(budget.admits(1)).toBe('wait');
    expect(budget.admits(0)).toBe('stop');
    expect(budget.exhausted).toBe(true);
    expect(budget.admits(0)).toBe('stop');
  });
});
