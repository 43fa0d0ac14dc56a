import { describe, expect, it } from 'vitest';
import { reAskDetector } from './re-ask.js';
import { NEGATE, conversation, confirm, inform, request } from '../testing/detector-fixtures.js';
import { FERRY } from '../testing/ferry-task.js';

describe('re-ask', () => {
  it('flags a request for a slot the user already gave, at that message, with the slot', () => {
    const input = conversation([
      ['user', 'Table for 4 on Friday', [inform('party_size', 4), inform('date', 'Friday')]],
      ['assistant', 'What time?', [request('time')]],
      ['user', '7pm', [inform('time', '7pm')]],
      ['assistant', 'How many people?', [request('party_size')]],
    ]);
    const findings = reAskDetector.detect(input);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ class: 're-ask', messageIndex: 3, slot: 'party_size', evidence: { quote: 'How many people?', relatedMessageIndex: 0 } });
  });

  it('does not flag a first request', () => {
    const input = conversation([
      ['user', 'A table please', []],
      ['assistant', 'For how many people?', [request('party_size')]],
    ]);
    expect(reAskDetector.detect(input)).toEqual([]);
  });

  it('does not flag a re-request after the user rejected the confirmed value', () => {
    const input = conversation([
      ['user', 'Table for 4 at 7pm', [inform('party_size', 4), inform('time', '7pm')]],
      ['assistant', 'So 4 people at 7pm?', [confirm('party_size', 4), confirm('time', '7pm')]],
      ['user', 'No, the time is wrong', [{ act: 'NEGATE', slot: 'time' }]],
      ['assistant', 'What time then?', [request('time')]],
    ]);
    expect(reAskDetector.detect(input)).toEqual([]);
  });

  it('a NEGATE naming one slot keeps the others given', () => {
    const input = conversation([
      ['user', 'Table for 4 at 7pm', [inform('party_size', 4), inform('time', '7pm')]],
      ['assistant', 'So 4 people at 7pm?', [confirm('party_size', 4), confirm('time', '7pm')]],
      ['user', 'No, the time is wrong', [{ act: 'NEGATE', slot: 'time' }]],
      ['assistant', 'How many people was it?', [request('party_size')]],
    ]);
    expect(reAskDetector.detect(input).map((f) => f.slot)).toEqual(['party_size']);
  });

  it('a bare NEGATE withdraws everything the bot just confirmed', () => {
    const input = conversation([
      ['user', 'Table for 4', [inform('party_size', 4)]],
      ['assistant', 'For 4, right?', [confirm('party_size', 4)]],
      ['user', 'No', [NEGATE]],
      ['assistant', 'How many then?', [request('party_size')]],
    ]);
    expect(reAskDetector.detect(input)).toEqual([]);
  });

  it('does not flag a re-request after the action failed', () => {
    const input = conversation([
      ['user', 'Table for 4 at 7pm on Friday', [inform('party_size', 4), inform('time', '7pm'), inform('date', 'Friday')]],
      ['call', { party_size: 4, time: '19:00', date: '2026-11-27' }],
      ['tool', '{"error": "no availability"}'],
      ['assistant', 'Sorry, 7pm is full. What other time would suit you?', [request('time')]],
    ]);
    expect(reAskDetector.detect(input)).toEqual([]);
  });

  it('is off when the scenario allows re-asking', () => {
    const input = conversation(
      [
        ['user', 'Table for 4', [inform('party_size', 4)]],
        ['assistant', 'How many people?', [request('party_size')]],
      ],
      { expect: { confirmation: 'required', goAhead: 'separate', noReAsk: false, maxTurns: 10 } },
    );
    expect(reAskDetector.detect(input)).toEqual([]);
  });

  describe('rule 10: narrowing a vague value or choosing between candidates is not a re-ask', () => {
    it('a question that names the value it narrows', () => {
      const input = conversation([
        ['user', 'Table on Friday', [inform('date', 'Friday')]],
        ['assistant', 'Which Friday, this week or next?', [{ act: 'REQUEST', slot: 'date', narrows: true }]],
      ]);
      expect(reAskDetector.detect(input)).toEqual([]);
    });
    it('a choice among alternatives that leave the given value out; one that offers it back is a re-ask', () => {
      const lines = (options: string[]) =>
        conversation([
          ['user', 'Table for 4', [inform('party_size', 4)]],
          ['assistant', `${options.join(' or ')}?`, [{ act: 'REQUEST', slot: 'party_size', options }]],
        ]);
      expect(reAskDetector.detect(lines(['6', '8']))).toEqual([]);
      expect(reAskDetector.detect(lines(['4', '6'])).map((f) => f.slot)).toEqual(['party_size']);
    });
    it('a value that does not yet determine its slot: a name for a slot of codes', () => {
      const asked = (value: string) =>
        conversation(
          [
            ['user', `Sailing from ${value}`, [inform('departure_port', value)]],
            ['assistant', 'Which harbour do you leave from?', [request('departure_port')]],
          ],
          { task: FERRY },
        );
      expect(reAskDetector.detect(asked('North Bay'))).toEqual([]);
      expect(reAskDetector.detect(asked('HLS')).map((f) => f.slot)).toEqual(['departure_port']);
    });
  });

  describe('rule 11: values belong to one request', () => {
    it('asking for another value is no re-ask', () => {
      const input = conversation([
        ['user', 'Table for 4 at 7pm', [inform('party_size', 4), inform('time', '7pm')]],
        ['assistant', 'Is another time possible?', [{ act: 'REQUEST', slot: 'time', another: true }]],
      ]);
      expect(reAskDetector.detect(input)).toEqual([]);
    });
    it('after the action completed, asking again is legitimate', () => {
      const input = conversation([
        ['user', 'Table for 4 at 7pm on Friday', [inform('party_size', 4), inform('time', '7pm'), inform('date', 'Friday')]],
        ['call', { party_size: 4, time: '19:00', date: '2026-11-27' }],
        ['tool', '{"status": "booked"}'],
        ['assistant', 'Booked! Want another table? For how many people?', [request('party_size')]],
      ]);
      expect(reAskDetector.detect(input)).toEqual([]);
    });
  });
});
