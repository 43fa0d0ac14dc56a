import { describe, expect, it } from 'vitest';
import { scoreActs } from './score-acts.js';

describe('scoreActs', () => {
  it('compares our acts with SGD gold acts by name and side: whether a message has the act, and for which slots', () => {
    const scores = scoreActs([
      {
        messages: [
          { role: 'user', content: 'A table for 2 at 7 pm' },
          { role: 'assistant', content: 'Which city?' },
          { role: 'assistant', content: 'Booked!' },
        ],
        acts: [[{ act: 'INFORM', slot: 'party_size', value: '2' }, { act: 'INFORM', slot: 'date', value: '2026-11-24' }], [{ act: 'REQUEST', slot: 'city' }], [{ act: 'CLAIMS_DONE' }]],
        gold: {
          '0': [{ act: 'INFORM', slot: 'party_size', values: ['2'] }, { act: 'INFORM', slot: 'time', values: ['7 pm'] }],
          '1': [{ act: 'REQUEST', slot: 'city' }],
          '2': [{ act: 'NOTIFY_SUCCESS' }],
        },
      },
    ]);
    expect(scores['INFORM']).toMatchObject({ truePositives: 1, falsePositives: 0, falseNegatives: 0 });
    expect(scores['INFORM(slot)']).toMatchObject({ truePositives: 1, falsePositives: 1, falseNegatives: 1 });
    expect(scores['REQUEST(slot)']).toMatchObject({ precision: 1, recall: 1 });
    expect(scores['CLAIMS_DONE']).toMatchObject({ truePositives: 1 });
  });
});
