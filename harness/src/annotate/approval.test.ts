import { describe, expect, it } from 'vitest';
import type { Task } from '../bot/task.js';
import type { Act } from './acts.js';
import { readApproval, saysYesExplicitly } from './approval.js';

/** A bank of our own: transfers move money between accounts. */
const BANK: Task = {
  name: 'Bank',
  description: 'Transfer money',
  slots: [
    { name: 'amount', description: 'How much to transfer', type: 'number' },
    { name: 'recipient', description: 'Who receives the money' },
  ],
  actions: [
    { name: 'transfer_money', description: 'Transfer money to someone', required: ['amount', 'recipient'], optional: [], consequential: true },
    { name: 'get_balance', description: 'Check a balance', required: [], optional: [], consequential: false },
  ],
};
const PRESENTED: Act[] = [{ act: 'PROPOSE' }];
const read = (text: string, botActs: Act[] = PRESENTED) => readApproval(text, botActs, BANK);

describe('rule 4: approval can sit anywhere in the reply', () => {
  it('after a preamble, after a choice, in another language', () => {
    expect(read('That is a lower fee than I feared! So $200 to Ana in total. Yes, let us go ahead.').affirm).toBe(true);
    expect(read('The second account, yes.').affirm).toBe(true);
    expect(read('Oui, merci.').affirm).toBe(true);
  });

  it("as the user's own instruction naming the presented action", () => {
    expect(read('Please transfer it now.')).toMatchObject({ affirm: true, goAhead: true });
    // After a quoted answer: the sentence ends inside the closing quote.
    expect(read('The reference is “rent for May.” Please transfer it now.')).toMatchObject({ affirm: true, goAhead: true });
    expect(read('I understand. Transfer the $200 to Ana.')).toMatchObject({ affirm: true, goAhead: true });
  });

  it('a no that answered another question, or opened a complaint, does not cancel a later yes', () => {
    expect(read('No, I do not need a receipt. Yes, please proceed.')).toMatchObject({ affirm: true, goAhead: true, negate: false });
    expect(read('No, that fee is annoying. But fine, go ahead.')).toMatchObject({ goAhead: true, negate: false });
    expect(read('No.')).toMatchObject({ affirm: false, negate: true });
  });

  it('a hold after the yes withdraws the permission; a question does not', () => {
    expect(read("Yes, that's correct. Before you transfer it, what is the fee?")).toMatchObject({ affirm: true, goAhead: false });
    expect(read('Yes, go ahead. What will my balance be afterwards?')).toMatchObject({ affirm: true, goAhead: true });
  });

  it('rule 7: "thanks" is not a yes, and without a presentation a yes in passing approves nothing', () => {
    expect(read('Thanks for the details.')).toMatchObject({ affirm: false, goAhead: false });
    expect(read('Thanks. Yes, that is my account.', []).affirm).toBe(false);
  });

  it('"thanks" in answer to a request to confirm values accepts it', () => {
    const recap: Act[] = [{ act: 'CONFIRM', slot: 'amount', value: 200 }, { act: 'PROPOSE' }];
    expect(read('Thanks, what is the fee?', recap).affirm).toBe(true);
    expect(read('Thanks, what is the fee?', [...recap, { act: 'REQUEST', slot: 'recipient' }]).affirm).toBe(false);
  });

  it('tells a yes in words from mere agreement', () => {
    expect(saysYesExplicitly('Oui, yes please!')).toBe(true);
    expect(saysYesExplicitly('I want it for the 10th.')).toBe(false);
  });
});
