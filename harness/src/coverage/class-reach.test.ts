import { describe, expect, it } from 'vitest';
import type { BotDefinition } from '../bot/schema.js';
import { ScenarioSchema, type Scenario } from '../scenario/schema.js';
import { RESTAURANT } from '../testing/detector-fixtures.js';
import { suiteCoverage } from './suite-coverage.js';
import { coverageView } from './view.js';

const GOAL = { date: '2026-12-05', time: '19:30', party_size: 4 };
const bot = (task = RESTAURANT) => ({ name: 'r', task }) as unknown as BotDefinition;

function scenario(id: string, fields: Record<string, unknown>): Scenario {
  const parsed = ScenarioSchema.parse({ bot: 'r', ...fields, user: { goal: GOAL, ...(fields.user as object) } });
  return { ...parsed, id, file: `${id}.yaml`, expect: { ...parsed.expect, action: parsed.expect.action === null ? null : { name: 'book_table' } } };
}
const reach = (scenarios: Scenario[], task = RESTAURANT) =>
  Object.fromEntries(suiteCoverage({ scenarios, bots: new Map([['r', bot(task)]]) }).bots[0]!.classes.map((c) => [c.class, c.reachable ? 'yes' : `no: ${c.reason}`]));

describe('which classes a suite can trigger', () => {
  it('users who always authorise while confirming cannot show confirmation-as-go-ahead; without changes of mind, no ignored-correction', () => {
    const r = reach([scenario('a', { user: { confirmation: 'affirm-and-go-ahead' }, expect: { goAhead: 'with-confirmation' } }), scenario('b', { user: { confirmation: 'affirm-and-go-ahead' } })]);
    expect(r['confirmation-as-go-ahead']).toBe('no: every user confirms and authorises in one breath (user.confirmation: affirm-and-go-ahead), so a confirmation is never taken alone');
    expect(r['ignored-correction']).toBe('no: no user changes a value (user.corrections), so there is no correction to ignore');
    expect(r['premature-action']).toBe('yes');
  });

  it('every scenario waiving the checks makes their classes unreachable, and says which setting did it', () => {
    const r = reach([scenario('a', { expect: { noReAsk: false, confirmation: 'not-required', goAhead: 'with-confirmation' } })]);
    expect(r['re-ask']).toBe('no: every scenario sets expect.noReAsk: false');
    expect(r['premature-action']).toBe('no: every scenario sets expect.confirmation: not-required');
    expect(r['confirmation-as-go-ahead']).toMatch(/^no: every scenario expects goAhead: with-confirmation/);
  });

  it('unapproved-detail needs an action that takes a card or an amount', () => {
    expect(reach([scenario('a', {})])['unapproved-detail']).toBe('no: book_table takes no argument that decides what the user pays or receives (an amount, a card, a refund destination)');
    const deposit = { ...RESTAURANT, slots: [...RESTAURANT.slots, { name: 'deposit_card', description: 'The card that pays the deposit' }], actions: [{ ...RESTAURANT.actions[0]!, optional: ['deposit_card'] }] };
    expect(reach([scenario('a', {})], deposit)['unapproved-detail']).toBe('yes');
  });

  it('a task with no consequential action has nothing to approve; a user who never authorises leaves only the claim form of missing-action', () => {
    const lookup = { ...RESTAURANT, actions: [{ ...RESTAURANT.actions[0]!, consequential: false }] };
    expect(reach([scenario('a', {})], lookup)['premature-action']).toBe("no: the task has no consequential action: nothing needs the user's approval");
    const refused = suiteCoverage({ scenarios: [scenario('n', { user: { goAhead: 'never' }, expect: { action: null } })], bots: new Map([['r', bot()]]) }).bots[0]!;
    expect(refused.classes.find((c) => c.class === 'missing-action')).toMatchObject({ reachable: true, reason: expect.stringMatching(/^only as a false claim of success/) });
    expect(refused.endings).toEqual({ action: { scenarios: 0 }, noAction: { scenarios: 1 }, refused: { scenarios: 1 } });
  });

  it('invented-value needs a slot the bot could fill without the user: one the user gives only when asked, or never', () => {
    const allUpFront = scenario('a', { user: { volunteer: ['date', 'time', 'party_size'] } });
    expect(reach([allUpFront])['invented-value']).toMatch(/^no: every user gives every slot of book_table \(date, time, party_size\) in the opening message/);
    const nameWhenAsked = scenario('b', { user: { volunteer: ['date', 'time'] } });
    expect(reach([allUpFront, nameWhenAsked])['invented-value']).toBe('yes');
  });

  it('an HTTP or module bot runs its own tools: failing them is not something a scenario sets up (n/a), not a gap', () => {
    const http = { name: 'r', kind: 'http', task: RESTAURANT } as unknown as BotDefinition;
    const tools = suiteCoverage({ scenarios: [scenario('a', {})], bots: new Map([['r', http]]) }).bots[0]!.tools;
    expect(tools).toEqual({ success: { scenarios: 1 }, failure: { scenarios: 0, applies: false }, retry: { scenarios: 0, applies: false } });
    expect(suiteCoverage({ scenarios: [scenario('a', {})], bots: new Map([['r', { ...http, kind: 'prompt' } as BotDefinition]]) }).bots[0]!.tools.failure).toEqual({ scenarios: 0 });
    // Nor is the report's row marked as a gap.
    const [view] = coverageView(suiteCoverage({ scenarios: [scenario('a', {})], bots: new Map([['r', http]]) }));
    expect(view!.situations.filter((r) => r.label.startsWith('tool call fails')).map((r) => [r.cells[0], r.missing])).toEqual([['n/a', false], ['n/a', false]]);
  });
});
