import { describe, expect, it } from 'vitest';
import type { FailureClass } from '../detect/failure.js';
import { orderPrinciples } from './order.js';
import type { Principle, PrincipleCategory, Provenance, TransferProvenance, TransferStatus } from './schema.js';
import { summariseTransfer } from './transfer-summary.js';

const rate = { trials: 2, passed: 0, withoutClass: 0 };
const fix = (bot: string): Provenance => ({
  kind: 'verified-fix', key: `r/${bot}/re-ask`, failureClass: 're-ask', runId: 'r', bot, scenarioIds: [], excerpts: [], date: '2026-11-24T00:00:00.000Z',
  patch: { rationale: 'r', edits: [{ op: 'append', text: 'x' }] }, patchedPromptHash: 'b', passRates: { failing: { before: rate, after: rate }, suite: { before: rate, after: rate } }, model: 'm', metaModel: 'mm', attempts: 1, runs: [],
});
const transfer = (bot: string, status: TransferStatus, date = '2026-11-25T00:00:00.000Z'): TransferProvenance => ({
  kind: 'transfer', key: `transfer/${bot}/${date}`, failureClass: 're-ask', runId: 't', bot, scenarioIds: [], excerpts: [], date, status, reason: '', classes: ['re-ask'],
  rates: { before: rate, after: rate }, suite: { before: rate, after: rate }, regressions: [], model: 'm', metaModel: 'mm', trials: 1, runs: [],
});
const principle = (id: string, category: PrincipleCategory, provenance: Provenance[], status: Principle['status'] = 'verified'): Principle => ({
  id, status, title: id, statement: 's', rationale: 'r', howToApply: 'h', antiPattern: 'a', category, failureClasses: ['re-ask' as FailureClass], provenance,
});

describe('transfer summary and reading order', () => {
  it('says where a principle was verified and, per bot, the newest transfer result', () => {
    const p = principle('p', 'structural', [fix('restaurant'), transfer('clinic', 'no-effect', '2026-11-25T00:00:00.000Z'), transfer('bank-transfer', 'transferred'), transfer('clinic', 'transferred', '2026-11-26T00:00:00.000Z'), transfer('shop', 'harmful'), transfer('kiosk', 'not-applicable')]);
    expect(summariseTransfer(p)).toEqual({
      verifiedOn: ['restaurant'], transferred: ['clinic', 'bank-transfer'], noEffect: [], notApplicable: ['kiosk'], harmful: ['shop'],
      summary: 'verified on restaurant; transferred to clinic, bank-transfer; not applicable to kiosk; harmful on shop',
    });
    expect(summariseTransfer(principle('seed', 'structural', [], 'unverified-seed'))).toBeUndefined();
    expect(summariseTransfer(principle('seed', 'structural', [transfer('clinic', 'harmful')], 'unverified-seed'))?.summary).toBe('not verified by a fix; harmful on clinic');
  });

  it('orders structural → localized → diagnostic; within one, verified first, then wider transfer, then more fixes', () => {
    const ordered = orderPrinciples([
      principle('diag', 'diagnostic', [fix('r')]),
      principle('local', 'localized', [fix('r')]),
      principle('seed', 'structural', [], 'unverified-seed'),
      principle('one-fix', 'structural', [fix('r')]),
      principle('transferred', 'structural', [fix('r'), transfer('clinic', 'transferred')]),
      principle('two-fixes', 'structural', [fix('r'), fix('s')]),
      principle('harmful', 'structural', [fix('r'), fix('s'), transfer('clinic', 'harmful')]),
    ]);
    expect(ordered.map((p) => p.id)).toEqual(['transferred', 'two-fixes', 'one-fix', 'harmful', 'seed', 'local', 'diag']);
  });
});
