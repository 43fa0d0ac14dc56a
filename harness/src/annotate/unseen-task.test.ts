import { describe, expect, it } from 'vitest';
import type { Act } from './acts.js';
import { createDateTimeParser, findDateTimes } from './datetime.js';
import { buildLexicon } from './lexicon.js';
import { tagAssistant, tagMessages, tagUser, taskModel } from './offline-tagger.js';
import { TRAINS } from '../testing/train-task.js';

const model = taskModel(TRAINS, '2026-11-24');
const kinds = (acts: Act[]) => acts.map((a) => (a.slot ? `${a.act}(${a.slot}${a.value !== undefined ? `=${a.value}` : ''})` : a.act));
const bot = (text: string) => kinds(tagAssistant({ role: 'assistant', content: text }, model));
const user = (text: string, botActs: Act[] = []) => kinds(tagUser(text, model, botActs));

describe('what the tagger reads from a task description alone', () => {
  it('gives each slot a kind and, for paired slots, the end of the journey', () => {
    const lexicon = buildLexicon(TRAINS);
    const entry = (name: string) => lexicon.find((e) => e.slot.name === name)!;
    expect([entry('from_city').kind, entry('from_city').side, entry('to_city').side]).toEqual(['location', 'from', 'to']);
    expect([entry('travel_date').kind, entry('return_date').side, entry('departure_time').kind]).toEqual(['date', 'to', 'time']);
    expect([entry('adults').kind, entry('seat_class').kind, entry('quiet_car').kind, entry('fare').kind]).toEqual(['count', 'category', 'boolean', 'amount']);
    expect(entry('fare').requestable).toBe(false);
  });
});

describe('bot questions: which slot they ask for', () => {
  it('question words give the kind, journey words the end', () => {
    expect(bot('Where are you leaving from?')).toEqual(['REQUEST(from_city)']);
    expect(bot('And where are you headed?')).toEqual(['REQUEST(to_city)']);
    expect(bot('From where and to where?')).toEqual(['REQUEST(from_city)', 'REQUEST(to_city)']);
    expect(bot('Departing from?')).toEqual(['REQUEST(from_city)']);
    expect(bot('When do you want to come back?')).toEqual(['REQUEST(return_date)']);
    expect(bot('How many people are travelling?')).toEqual(['REQUEST(adults)']);
  });
  it('a named slot, a choice of allowed values, a yes/no feature', () => {
    expect(bot('What is the departure time?')).toEqual(['REQUEST(departure_time)']);
    expect(bot('Economy or First Class?')).toEqual(['REQUEST(seat_class)']);
    expect(bot('Would you like a seat in the quiet car?')).toEqual(['REQUEST(quiet_car)']);
  });
  it('offers of help, proposals and titles ask for nothing', () => {
    expect(bot('Is there anything else I can help you with?')).toEqual([]);
    expect(bot('How about the 9:40 am train, which leaves from the central station?')).not.toContain('REQUEST(from_city)');
    expect(bot('Do you want to watch Where Eagles Dare on board?')).toEqual([]);
  });
});

describe('bot recaps, proposals and results', () => {
  it('a recap for checking is CONFIRM of each value and, put to the user, PROPOSE', () => {
    expect(bot('Please confirm: 2 tickets from Boston to Chicago on December 5th.')).toEqual(['CONFIRM(adults=2)', 'CONFIRM(from_city=Boston)', 'CONFIRM(to_city=Chicago)', 'CONFIRM(travel_date=2026-12-05)', 'PROPOSE']);
    expect(bot('Buying 2 tickets for December 5th at 9 am.')).toEqual(['CONFIRM(adults=2)', 'CONFIRM(travel_date=2026-12-05)', 'CONFIRM(departure_time=09:00)', 'PROPOSE']);
  });
  it('search results are OFFER; a proposal is CONFIRM only after a failure', () => {
    expect(bot('I found 3 trains. One leaves at 9 am on December 5th.')).toEqual(['OFFER(travel_date=2026-12-05)', 'OFFER(departure_time=09:00)']);
    expect(bot('How about the train at 11 am?')).toEqual([]);
    expect(bot('Sorry, that train is full. How about the train at 11 am?')).toEqual(['CONFIRM(departure_time=11:00)', 'PROPOSE']);
  });
});

describe('user values', () => {
  it('"from" and "to" decide the end; the noun after a count decides the slot', () => {
    expect(user('From Boston to New York, 3 adults please.')).toEqual(['INFORM(from_city=Boston)', 'INFORM(to_city=New York)', 'INFORM(adults=3)']);
    expect(user('Leaving on the 5th and coming back on the 9th.')).toEqual(['INFORM(travel_date=2026-12-05)', 'INFORM(return_date=2026-12-09)']);
  });
  it('a bare answer fills the free-text slot the bot asked for', () => {
    expect(user('Mia Wong, as I said.', [{ act: 'REQUEST', slot: 'passenger_name' }])).toEqual(['INFORM(passenger_name=Mia Wong)']);
  });
  it('asking about a value is not giving it; "one" as a pronoun is no count', () => {
    expect(user('Is it a quiet car?')).toEqual([]);
    expect(user('Just find one for me.')).toEqual([]);
  });
  it('agreement is a yes only to a recap; a plain yes always is', () => {
    expect(user('Sounds good.', [{ act: 'CONFIRM', slot: 'adults', value: 2 }])).toEqual(['AFFIRM']);
    expect(user('Sounds good.', [{ act: 'OFFER', slot: 'departure_time', value: '09:00' }])).toEqual([]);
    expect(user('Yes, please.')).toEqual(['AFFIRM']);
  });
});

describe('answers settle what a question meant', () => {
  it('a free-text value said again was given the first time too', () => {
    const acts = tagMessages(
      [
        { role: 'user', content: 'I need tickets for Ada Byron.' },
        { role: 'assistant', content: 'Who is the lead passenger?' },
        { role: 'user', content: 'Ada Byron, like I told you.' },
      ],
      model,
    );
    expect(kinds(acts[0]!)).toContain('INFORM(passenger_name=Ada Byron)');
  });
});

describe('dates and times chrono misses on its own', () => {
  const parser = createDateTimeParser();
  const reference = new Date('2026-11-24T12:00:00');
  const values = (text: string) => findDateTimes(parser, text, reference).map((m) => m.value);
  it('ordinals without a month, spoken hours, parts of the day, quarters', () => {
    expect(values('on the 2nd')).toEqual(['2026-12-02']);
    expect(values('the 28th of this month')).toEqual(['2026-11-28']);
    expect(values('at four pm')).toEqual(['16:00']);
    expect(values('evening 6')).toEqual(['18:00']);
    expect(values('quarter to 5 in the evening')).toEqual(['16:45']);
  });
  it('a length of time is not a date', () => {
    expect(values('for 5 days')).toEqual([]);
    expect(values('it takes 15 minutes')).toEqual([]);
  });
});

describe('more tasks nobody tuned for', () => {
  const stays = taskModel(
    {
      name: 'CottageLets',
      description: 'Let a holiday cottage for a few nights',
      slots: [
        { name: 'village', description: 'Village the cottage is in' },
        { name: 'check_in_day', description: 'Day the guests check in at the cottage' },
        { name: 'check_out_day', description: 'Day the guests check out of the cottage' },
        { name: 'guests', description: 'How many people will stay' },
      ],
      actions: [{ name: 'let_cottage', description: 'Let the cottage to the guests', required: ['village', 'check_in_day', 'check_out_day', 'guests'], optional: [], consequential: true }],
    },
    '2026-11-24',
  );
  const payments = taskModel(
    {
      name: 'PocketMoney',
      description: 'Pay a friend back from the wallet app',
      slots: [
        { name: 'amount', description: 'How much to pay' },
        { name: 'friend', description: 'The friend who gets the money' },
        { name: 'kept_private', description: 'Whether the payment stays private, off the shared feed', values: ['True', 'False'] },
      ],
      actions: [{ name: 'pay_friend', description: 'Pay a friend', required: ['amount', 'friend'], optional: ['kept_private'], consequential: true }],
    },
    '2026-11-24',
  );
  it('check-in and check-out are the two ends of a stay', () => {
    expect(kinds(tagAssistant({ role: 'assistant', content: 'When will you check out?' }, stays))).toEqual(['REQUEST(check_out_day)']);
    expect(kinds(tagUser("I'll check in on the 5th and check out on the 9th.", stays, []))).toEqual(['INFORM(check_in_day=2026-12-05)', 'INFORM(check_out_day=2026-12-09)']);
  });
  it('the one person an action takes, and a yes/no feature named by its own word', () => {
    expect(kinds(tagUser('Send $50 to Alex, and keep it private.', payments, []))).toEqual(['INFORM(amount=50)', 'INFORM(friend=Alex)', 'INFORM(kept_private=True)']);
    expect(kinds(tagAssistant({ role: 'assistant', content: 'Should the payment be private?' }, payments))).toEqual(['REQUEST(kept_private)']);
  });
});
