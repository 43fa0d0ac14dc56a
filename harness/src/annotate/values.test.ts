import { describe, expect, it } from 'vitest';
import type { Act } from './acts.js';
import { tagMessages, tagUser, taskModel } from './offline-tagger.js';
import { FERRY } from '../testing/ferry-task.js';
import type { ChatMessage } from '../transcript/schema.js';

// Rules 11, 12 and 13 of which value belongs to which slot, on a task of our own, read by the real offline tagger.
const model = taskModel(FERRY, '2026-11-24');
const informs = (text: string, botActs: Act[] = []) =>
  tagUser(text, model, botActs)
    .filter((a) => a.act === 'INFORM')
    .map((a) => `${a.slot}=${a.value}`);

describe('rule 13: attribute user values with care', () => {
  it('identifiers are recognised by the shape of the examples their slot quotes', () => {
    expect(informs('Please cancel my crossings K7QX2P and 4TZ9RB.')).toEqual(['booking_code=K7QX2P']);
    expect(informs('Sure, it is ana_lee_77.')).toEqual(['user_id=ana_lee_77']);
  });
  it('a code after a word naming another slot is not this slot’s', () => {
    expect(informs('My sailing MV2041 was late.')).toEqual([]);
  });
  it('paraphrases map to allowed values; a value being left is not given', () => {
    expect(informs('A sea view cabin, please.')).toEqual(['cabin_grade=sea_view_cabin']);
    expect(informs('I would like to upgrade from deck seat to a sea view cabin.')).toEqual(['cabin_grade=sea_view_cabin']);
  });
  it('a yes/no choice is a feature: "no vehicle" is vehicle=False', () => {
    expect(informs('Two adults and no vehicle.')).toContain('vehicle=False');
  });
  it('direction words decide which end of the trip a place belongs to', () => {
    expect(informs('We sail from HLS to KRN.')).toEqual(['departure_port=HLS', 'arrival_port=KRN']);
  });
});

describe('rule 11: values belong to one entity', () => {
  it('a date of birth is not a sailing date', () => {
    expect(informs('My date of birth is May 4, 1990.')).toEqual([]);
    expect(informs('I want to sail on December 5.')).toEqual(['sailing_date=2026-12-05']);
  });
});

describe('rule 12: a question that fits several slots of one kind asks for the unfilled one', () => {
  const conversation = (question: string): Act[][] => {
    const messages: ChatMessage[] = [
      { role: 'user', content: 'Two adults from HLS to KRN on December 5.' },
      { role: 'assistant', content: question },
      { role: 'user', content: '3.' },
    ];
    return tagMessages(messages, model);
  };
  it('"how many passengers?" after the adults were given asks for the children', () => {
    const acts = conversation('And how many passengers?');
    expect(acts[1]).toContainEqual({ act: 'REQUEST', slot: 'children' });
    expect(acts[2]).toContainEqual({ act: 'INFORM', slot: 'children', value: '3' });
  });
  it('a question that singles out the filled slot keeps it', () => {
    expect(conversation('How many adult passengers?')[1]).toContainEqual({ act: 'REQUEST', slot: 'adults' });
  });
});
