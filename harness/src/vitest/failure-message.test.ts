import { describe, expect, it } from 'vitest';
import type { Failure } from '../detect/failure.js';
import type { ConversationRecord } from '../transcript/record.js';
import { ScenarioFailure, ScenarioNotJudged } from './failure-message.js';

const record = {
  schemaVersion: 1, id: 'dinner#1', scenarioId: 'dinner', trial: 1, model: 'eager', outcome: 'fail', failureClasses: ['premature-action'],
  task: { name: 'T', description: 'd', slots: [], actions: [] },
  messages: [{ role: 'user', content: 'Table for 2.' }, { role: 'assistant', content: 'Booked.' }],
} as unknown as ConversationRecord;
const failure = { class: 'premature-action', messageIndex: 1, evidence: { quote: 'Booked.', reason: 'acts before approval' } } as unknown as Failure;

describe('the errors of scenario tests', () => {
  it('keep the failures and the transcript out of what vitest prints as the error\'s properties ("Serialized Error"), and within reach', () => {
    const failed = new ScenarioFailure([failure], record);
    expect(Object.keys(failed)).not.toContain('record');
    expect(Object.keys(failed)).not.toContain('failures');
    expect(failed.record).toBe(record);
    expect(failed.failures).toEqual([failure]);
    expect(failed.message).toMatch(/^dinner \(trial 1, model eager\): 1 bot failure\n {2}premature-action at message 1: acts before approval/);
    const notJudged = new ScenarioNotJudged({ ...record, outcome: 'error', error: { code: 'MODEL_TIMEOUT', message: 'no answer', blame: 'infrastructure' } } as ConversationRecord);
    expect(Object.keys(notJudged)).not.toContain('record');
    expect(notJudged.record.id).toBe('dinner#1');
  });
});
