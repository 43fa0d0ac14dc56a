import { describe, expect, it } from 'vitest';
import { applyAnswerSchema } from './apply-answer.js';
import { quoteLine } from './quotes.js';

const PROMPT = 'You book tables.\nAsk for the date, then the time.\nWhen you have every detail, call the tool.\n';
const ids = ['track-slots', 'ask-permission'];
const schema = applyAnswerSchema(PROMPT, ids, (text) => {
  if (text.includes('{{')) throw new Error('unclosed expression');
});
const rule = 'Never ask again for a detail the user gave.';
const good = {
  rationale: 'adds the rule',
  edits: [{ op: 'insert_after', anchor: 'then the time.', text: rule }],
  implements: [{ principleId: 'track-slots', lines: [rule] }, { principleId: 'ask-permission', lines: ['When you have   every detail,\ncall the tool.'] }],
};
const problems = (answer: object) => {
  const parsed = schema.safeParse(answer);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('the guide-apply answer, checked against the prompt', () => {
  it('accepts edits that apply and quotes found in the revised prompt (whitespace and case aside)', () => {
    expect(problems(good)).toEqual([]);
    expect(problems({ ...good, edits: [], implements: [{ principleId: 'track-slots', lines: ['ask for the date'] }, { principleId: 'ask-permission', lines: ['call the tool'] }] })).toEqual([]);
  });

  it('rejects an anchor that is not in the prompt, and a revision that is no valid template', () => {
    expect(problems({ ...good, edits: [{ op: 'insert_after', anchor: 'Ask for the name.', text: rule }] })[0]).toMatch(/^edits: the edits do not apply: edit 1 \(insert_after\): the anchor "Ask for the name\." occurs 0 times/);
    expect(problems({ ...good, edits: [{ op: 'append', text: 'Today is {{today' }] })[0]).toMatch(/not a valid template: unclosed expression/);
  });

  it('rejects a quote the revised prompt does not contain, and a principle missing or unknown', () => {
    expect(problems({ ...good, implements: [good.implements[0], { principleId: 'ask-permission', lines: ['Only book after a yes.'] }] })).toEqual(['implements.1.lines.0: not in the revised prompt: copy the line exactly as it reads after your edits']);
    expect(problems({ ...good, implements: [good.implements[0], { principleId: 'made-up', lines: [rule] }] })).toEqual([
      'implements: unknown principle made-up: use the ids given (track-slots, ask-permission)',
      'implements: give exactly one entry for each principle; check ask-permission',
    ]);
  });

  it('quoteLine: the line a quote starts on, across re-flowed lines', () => {
    expect(quoteLine(PROMPT, 'then the time. When you have')).toBe(2);
    expect(quoteLine(PROMPT, 'call the tool')).toBe(3);
    expect(quoteLine(PROMPT, 'not there')).toBeUndefined();
    expect(quoteLine(PROMPT, '   ')).toBeUndefined();
  });
});
