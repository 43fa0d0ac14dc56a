import { describe, expect, it } from 'vitest';
import { TaskSchema } from '../bot/task.js';
import { ScenarioSchema, type Scenario } from '../scenario/schema.js';
import { scenariosThatCanShow } from './transfer-scope.js';

const task = TaskSchema.parse({ name: 'Pay', slots: [{ name: 'amount', type: 'number' }, { name: 'payee' }], actions: [{ name: 'pay', required: ['amount', 'payee'], consequential: true }] });
const scenario = (id: string, fields: Record<string, unknown>): Scenario => ({ ...ScenarioSchema.parse({ bot: 'bank', user: { goal: { amount: 10, payee: 'Ann' } }, ...fields }), id, file: `${id}.yaml` });
const suite = [
  scenario('plain', {}),
  scenario('corrects', { user: { goal: { amount: 10, payee: 'Ann' }, corrections: [{ slot: 'amount', to: 12 }] } }),
  scenario('declines', { user: { goal: { amount: 10, payee: 'Ann' }, goAhead: 'never' }, expect: { action: null } }),
  scenario('one-question', { expect: { goAhead: 'with-confirmation', noReAsk: false } }),
];

describe('scenariosThatCanShow', () => {
  it('reads each class\'s conditions from the scenario and the task', () => {
    expect(scenariosThatCanShow(['ignored-correction'], suite, task)).toEqual(['corrects']);
    expect(scenariosThatCanShow(['missing-action'], suite, task)).toEqual(['plain', 'corrects', 'one-question']);
    expect(scenariosThatCanShow(['confirmation-as-go-ahead'], suite, task)).toEqual(['plain', 'corrects', 'declines']);
    expect(scenariosThatCanShow(['re-ask'], suite, task)).toEqual(['plain', 'corrects', 'declines']);
    // pay takes an amount: a sum the user never saw can show wherever approval is required.
    expect(scenariosThatCanShow(['unapproved-detail'], suite, task)).toEqual(['plain', 'corrects', 'declines', 'one-question']);
    const noMoney = TaskSchema.parse({ name: 'Greet', slots: [{ name: 'payee' }], actions: [{ name: 'greet', required: ['payee'], consequential: true }] });
    expect(scenariosThatCanShow(['unapproved-detail'], suite, noMoney)).toEqual([]);
  });

  it('a bot with no consequential action cannot act prematurely; a class of any union counts', () => {
    const lookup = TaskSchema.parse({ name: 'Look up', slots: [{ name: 'payee' }], actions: [{ name: 'find', required: ['payee'] }] });
    expect(scenariosThatCanShow(['premature-action'], suite, lookup)).toEqual([]);
    expect(scenariosThatCanShow(['premature-action', 'ignored-correction'], suite, lookup)).toEqual(['corrects']);
    expect(scenariosThatCanShow(['turn-budget'], suite, lookup)).toHaveLength(4);
  });
});
