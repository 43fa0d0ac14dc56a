import { describe, expect, it } from 'vitest';
import type { Task } from '../bot/task.js';
import type { Act } from './acts.js';
import { TaskModelCache, createOfflineTagger, tagAssistant, tagUser, taskModel } from './offline-tagger.js';

const TASK: Task = {
  name: 'BookTable',
  description: 'Book a table',
  slots: [
    { name: 'date', description: 'Date of the reservation', type: 'date' },
    { name: 'time', description: 'Time of the reservation', type: 'time' },
    { name: 'party_size', description: 'Number of people in the party', type: 'integer' },
    { name: 'name', description: 'Name the reservation is under', type: 'string' },
  ],
  actions: [{ name: 'book_table', description: 'Book', required: ['date', 'time', 'party_size', 'name'], optional: [], consequential: true }],
};
const model = taskModel(TASK, '2026-11-24');
const bot = (text: string) => tagAssistant({ role: 'assistant', content: text }, model);
const user = (text: string, botActs: Act[] = []) => tagUser(text, model, botActs);
const kinds = (acts: Act[]) => acts.map((a) => (a.slot ? `${a.act}(${a.slot}${a.value !== undefined ? `=${a.value}` : ''})` : a.act));

describe('offline tagger: bot messages', () => {
  it('a question naming a slot is a REQUEST', () => {
    expect(kinds(bot('What time would you like?'))).toEqual(['REQUEST(time)']);
    expect(kinds(bot('How many people will be joining?'))).toEqual(['REQUEST(party_size)']);
  });
  it('a recap with a confirmation cue is CONFIRM of each value', () => {
    expect(kinds(bot('To confirm: the date is 2026-12-05, the time is 19:30 and the name is Ada. Is that correct?'))).toEqual([
      'CONFIRM(date=2026-12-05)',
      'CONFIRM(time=19:30)',
      'CONFIRM(name=Ada)',
      'PROPOSE',
    ]);
  });
  it('a question of permission is ASK_GO_AHEAD, a claim of success CLAIMS_DONE', () => {
    expect(kinds(bot('Shall I go ahead and book it?'))).toEqual(['ASK_GO_AHEAD']);
    expect(kinds(bot('Your table has been booked.'))).toEqual(['CLAIMS_DONE']);
  });
  it('a wh-question that names the action asks for a value, not for permission', () => {
    expect(kinds(bot('How many people should I book the table for?'))).toEqual(['REQUEST(party_size)']);
    expect(kinds(bot('What time would you like me to book it for?'))).toEqual(['REQUEST(time)']);
  });
  it('a tool call is CALL with parsed arguments and the action\'s consequence', () => {
    const acts = tagAssistant({ role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'book_table', arguments: '{"party_size": 2}' } }] }, model);
    expect(acts).toEqual([{ act: 'CALL', action: 'book_table', consequential: true, args: { party_size: 2 } }]);
  });
  it('a tool call with invalid JSON arguments is a CALL without args', () => {
    const acts = tagAssistant({ role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'book_table', arguments: '{oops' } }] }, model);
    expect(acts).toEqual([{ act: 'CALL', action: 'book_table', consequential: true }]);
  });
});

describe('offline tagger: user messages', () => {
  it('dates, times and counts are INFORMed in canonical form', () => {
    expect(kinds(user('Hi, a table for 4 people on December 5th at 7:30 pm please.'))).toEqual(['INFORM(party_size=4)', 'INFORM(date=2026-12-05)', 'INFORM(time=19:30)']);
    expect(kinds(user('Could I book a table for 3 tomorrow?'))).toEqual(['INFORM(party_size=3)', 'INFORM(date=2026-11-25)']);
  });
  it('a number that a word names ("dialogue 7", "booking 12") is a label, not a count', () => {
    expect(kinds(user('Hi, I would like to book a table (dialogue 7).'))).toEqual([]);
    expect(kinds(user("I'm calling about booking 12."))).toEqual([]);
    expect(kinds(user('We are 5.'))).toEqual(['INFORM(party_size=5)']);
    expect(kinds(user('Just 2, please.'))).toEqual(['INFORM(party_size=2)']);
  });
  it('a bare answer fills the one slot the bot asked for', () => {
    expect(kinds(user('Ada.', [{ act: 'REQUEST', slot: 'name' }]))).toEqual(['INFORM(name=Ada)']);
  });
  it('yes is AFFIRM; yes to a question of permission is also GO_AHEAD', () => {
    expect(kinds(user("Yes, that's right."))).toEqual(['AFFIRM']);
    expect(kinds(user('Yes.', [{ act: 'ASK_GO_AHEAD' }]))).toEqual(['AFFIRM', 'GO_AHEAD']);
  });
  it('a conditional or negated go-ahead is not one', () => {
    expect(kinds(user("Yes, that's correct. Let me check with my partner before you book it, though."))).toEqual(['AFFIRM']);
    expect(kinds(user("Don't book it yet."))).toEqual([]);
  });
  it('a rejection naming a slot is NEGATE of that slot', () => {
    expect(kinds(user('No, the time is wrong.'))).toEqual(['NEGATE(time)']);
    expect(kinds(user('No, 8 pm!'))).toEqual(['NEGATE', 'INFORM(time=20:00)']);
  });
});

describe('offline tagger: task models shared with the simulator', () => {
  it('tags with the model the simulator used, so a bot message it tagged is not tagged again', async () => {
    const models = new TaskModelCache();
    const simulatorModel = models.get(TASK, '2026-11-24');
    const asked = { role: 'assistant' as const, content: 'What time would you like?' };
    tagAssistant(asked, simulatorModel);
    expect(simulatorModel.memo.bot.size).toBe(1);
    const conversation = { id: 'c1', task: { ...TASK }, messages: [{ role: 'user' as const, content: 'A table please.' }, asked, { role: 'user' as const, content: 'At 7 pm.' }] };
    const acts = await createOfflineTagger(models).tag(conversation, { task: conversation.task, today: '2026-11-24' });
    expect(acts[1]).toEqual(tagAssistant(asked, taskModel(TASK, '2026-11-24')));
    // A copy of the task (as each recorded conversation carries) finds the same model; another day does not.
    expect(models.get({ ...TASK }, '2026-11-24')).toBe(simulatorModel);
    expect(models.get(TASK, '2026-11-25')).not.toBe(simulatorModel);
    expect(simulatorModel.memo.bot.size).toBe(1);
    expect(simulatorModel.memo.user.size).toBe(2);
  });
});
