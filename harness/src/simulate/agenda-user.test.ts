import { describe, expect, it } from 'vitest';
import type { Act } from '../annotate/acts.js';
import { ScenarioSchema, type Scenario } from '../scenario/schema.js';
import { RESTAURANT } from '../testing/detector-fixtures.js';
import { createAgendaUser } from './agenda-user.js';

function scenario(user: Record<string, unknown>): Scenario {
  const parsed = ScenarioSchema.parse({ bot: 'restaurant', today: '2026-11-24', user: { goal: { date: '2026-12-05', time: '19:30', party_size: 4 }, ...user } });
  return { ...parsed, id: 's', file: 's.yaml' };
}
const view = (botActs: Act[], actionDone = false) => ({ messages: [], botActs, actionDone });
const kinds = (acts: Act[] | undefined) => (acts ?? []).map((a) => (a.slot ? `${a.act}(${a.slot}=${a.value})` : a.act));

describe('agenda-based user', () => {
  it('opens with the volunteered slots and records them as its acts', async () => {
    const user = createAgendaUser(scenario({ volunteer: ['party_size'] }), RESTAURANT);
    const turn = await user.open();
    expect(turn.content).toBe("Hi, I'd like to book. The party size is 4.");
    expect(kinds(turn.acts)).toEqual(['INFORM(party_size=4)']);
  });

  it('answers exactly what is asked, from the goal', async () => {
    const user = createAgendaUser(scenario({}), RESTAURANT);
    await user.open();
    const turn = await user.respond(view([{ act: 'REQUEST', slot: 'time' }]));
    expect(turn?.content).toBe('The time is 19:30.');
    expect(kinds(turn?.acts)).toEqual(['INFORM(time=19:30)']);
  });

  it('affirms a matching confirmation without authorising when the policy is separate', async () => {
    const user = createAgendaUser(scenario({}), RESTAURANT);
    await user.open();
    const turn = await user.respond(view([{ act: 'CONFIRM', slot: 'time', value: '7:30 pm' }, { act: 'CONFIRM', slot: 'party_size', value: 'four' }]));
    expect(kinds(turn?.acts)).toEqual(['AFFIRM']);
  });

  it('corrects a confirmation that does not match its goal', async () => {
    const user = createAgendaUser(scenario({}), RESTAURANT);
    await user.open();
    const turn = await user.respond(view([{ act: 'CONFIRM', slot: 'time', value: '20:00' }]));
    expect(turn?.content).toBe('No, the time should be 19:30.');
    expect(kinds(turn?.acts)).toEqual(['NEGATE', 'INFORM(time=19:30)']);
  });

  it('makes its scripted correction at the first confirmation, then stands by the new value', async () => {
    const user = createAgendaUser(scenario({ corrections: [{ slot: 'time', to: '20:30' }] }), RESTAURANT);
    await user.open();
    const first = await user.respond(view([{ act: 'CONFIRM', slot: 'time', value: '19:30' }]));
    expect(kinds(first?.acts)).toEqual(['NEGATE', 'INFORM(time=20:30)']);
    const second = await user.respond(view([{ act: 'CONFIRM', slot: 'time', value: '20:30' }]));
    expect(kinds(second?.acts)).toEqual(['AFFIRM']);
  });

  it('authorises when asked, or declines and ends when the scenario says never', async () => {
    const willing = createAgendaUser(scenario({}), RESTAURANT);
    expect(kinds((await willing.respond(view([{ act: 'ASK_GO_AHEAD' }])))?.acts)).toEqual(['AFFIRM', 'GO_AHEAD']);
    const unwilling = createAgendaUser(scenario({ goAhead: 'never' }), RESTAURANT);
    expect(kinds((await unwilling.respond(view([{ act: 'ASK_GO_AHEAD' }])))?.acts)).toEqual(['NEGATE']);
    expect(await unwilling.respond(view([]))).toBeNull();
  });

  it('confirms and authorises in one breath when told to', async () => {
    const user = createAgendaUser(scenario({ confirmation: 'affirm-and-go-ahead' }), RESTAURANT);
    const turn = await user.respond(view([{ act: 'CONFIRM', slot: 'party_size', value: 4 }]));
    expect(kinds(turn?.acts)).toEqual(['AFFIRM', 'GO_AHEAD']);
  });

  it('ends the conversation once the bot has acted', async () => {
    const user = createAgendaUser(scenario({}), RESTAURANT);
    expect(await user.respond(view([], true))).toBeNull();
  });
});
