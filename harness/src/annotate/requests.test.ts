import { describe, expect, it } from 'vitest';
import type { Act } from './acts.js';
import { tagAssistant, tagMessages, taskModel } from './offline-tagger.js';
import { FERRY } from '../testing/ferry-task.js';

// Rules 8, 9 and 14 of what a question asks for, on a task of our own (ferries), read by the real offline tagger.
const model = taskModel(FERRY, '2026-11-24');
const requests = (text: string) => tagAssistant({ role: 'assistant', content: text }, model).filter((a: Act) => a.act === 'REQUEST').map((a) => a.slot);

describe('rule 8: a slot is requested only when it is what the question asks for', () => {
  it('a filled slot mentioned as context requests nothing', () => {
    expect(requests('What changes would you like to make to booking K7QX2P?')).toEqual([]);
    expect(requests('What would you like to change about your booking?')).toEqual([]);
    expect(requests('Before I go on, what is your reason for cancelling this booking?')).toEqual([]);
    expect(requests('Could you please specify what changes you would like to make to your booking?')).toEqual([]);
  });
  it('"when" and "what" clauses inside statements request nothing', () => {
    expect(requests('When moving to a later sailing, a stored card is needed to cover the difference.')).toEqual([]);
    expect(requests('Let me first check what the fares are for that sailing.')).toEqual([]);
    expect(requests('The new fare is compared with the current fares vs. what you paid.')).toEqual([]);
    expect(requests('Shall I look up the fares, or proceed knowing it costs $40 more than what you originally paid?')).toEqual([]);
  });
  it('alternatives the bot offers and confirmation templates request nothing', () => {
    expect(requests('To confirm: 2 adults sailing on December 5, is that right?')).toEqual([]);
    expect(requests('Would you like me to go ahead with the booking?')).toEqual([]);
  });
  it('what the question does ask for is still read', () => {
    expect(requests('Which harbour are you leaving from?')).toEqual(['departure_port']);
    expect(requests('What date would you like to sail?')).toEqual(['sailing_date']);
    expect(requests('What is your user ID?')).toEqual(['user_id']);
  });
});

describe('rule 9: names of common words stay recognisable; usage words do not redirect', () => {
  it('"user ID" asks for the user id, though "booking" is also in the question', () => {
    expect(requests('Could you give me your user ID so I can find your existing booking?')).toEqual(['user_id']);
  });
  it('a word that only says what a slot is used for ("to book the crossing") does not make a question ask for it', () => {
    expect(requests('Which crossing would you like to book?')).toEqual([]);
  });
  it('a question naming a thing asks for a measure only by its name', () => {
    expect(requests('Which voucher would you like to use?')).toEqual([]);
    expect(requests('What is the voucher amount you would like?')).toEqual(['voucher_amount']);
  });
});

describe('rule 14: requests as statements, as choices among allowed values, by synonym', () => {
  it('a statement of need asks', () => {
    expect(requests('To go on, I need your user ID.')).toEqual(['user_id']);
  });
  it('a choice among allowed values asks for their slot, and records the options', () => {
    const acts = tagAssistant({ role: 'assistant', content: 'Deck seat or sea view cabin?' }, model);
    expect(acts).toContainEqual({ act: 'REQUEST', slot: 'cabin_grade', options: ['deck_seat', 'sea_view_cabin'] });
  });
  it('a word of the description names the slot: "harbour" for a port', () => {
    expect(requests('What harbour will you arrive at?')).toEqual(['arrival_port']);
  });
  it('"confirm your user ID" with no value asks for it again', () => {
    expect(requests('Could you please confirm your user ID so I can find the booking?')).toEqual(['user_id']);
  });
});

describe('rule 10: a question that narrows or offers alternatives is marked so, for re-ask to tell it from asking again', () => {
  const asked = (user: string, bot: string) =>
    tagMessages(
      [
        { role: 'user', content: user },
        { role: 'assistant', content: bot },
      ],
      model,
    )[1]!.filter((a) => a.act === 'REQUEST');
  it('a question naming the value the user gave narrows it', () => {
    expect(asked('We sail from North Bay.', 'Which North Bay harbour do you leave from?')).toEqual([{ act: 'REQUEST', slot: 'departure_port', narrows: true }]);
  });
  it('named alternatives at the end of a question are its options; "another" asks for a new value', () => {
    expect(asked('We sail from North Bay.', 'Which harbour do you leave from, HLS or NBY?')).toEqual([{ act: 'REQUEST', slot: 'departure_port', options: ['HLS', 'NBY'] }]);
    expect(asked('Use card_5531.', 'That card was declined. Could you give me another card ID?')).toEqual([{ act: 'REQUEST', slot: 'card_id', another: true }]);
  });
});
