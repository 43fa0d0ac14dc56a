import { describe, expect, it } from 'vitest';
import { SCRIPTED_BOTS, regexRestaurantBot, type FakeChatRequest, type FakeReply } from '../testing/index.js';
import { toolsForTask } from '../bot/tools.js';
import { RESTAURANT } from '../testing/detector-fixtures.js';
import { createPhrasing, phrasingsOf } from './phrasing.js';

const tools = toolsForTask(RESTAURANT);
const GOAL = [['date', '2026-12-05'], ['time', '19:30'], ['party_size', 4]] as const;
const CONFIRMED = 'To confirm: the date is 2026-12-05, the time is 19:30 and the party size is 4. Is that correct?';

/** The careful scripted bot's answer to a conversation of alternating user and bot texts. */
function careful(...turns: string[]): FakeReply {
  const messages = turns.map((content, i) => ({ role: i % 2 === 0 ? 'user' : 'assistant', content }));
  const request: FakeChatRequest = { model: 'careful', messages, tools };
  return SCRIPTED_BOTS.careful!(request, { requestNumber: 1 }) as FakeReply;
}
const text = (reply: FakeReply) => ('message' in reply ? reply.message.content : `HTTP ${reply.status}`);
const called = (reply: FakeReply) => ('message' in reply ? JSON.parse(reply.message.tool_calls?.[0]?.function.arguments ?? 'null') : null);

/** One phrasing per act, each in turn, whatever the seed would pick. */
function each(act: Parameters<typeof phrasingsOf>[0]): string[] {
  return [...phrasingsOf(act)];
}

describe('rule-based user phrasing: every wording is one the scripted bots understand', () => {
  it('gives values in every phrasing the bots read as "the <slot> is <value>"', () => {
    for (const template of each('informs')) {
      const list = 'the date is 2026-12-05, the time is 19:30 and the party size is 4';
      const said = template.replace('{list}', list).replace('{List}', list.charAt(0).toUpperCase() + list.slice(1));
      expect(text(careful(said)), said).toBe(CONFIRMED);
    }
  });

  it('corrects in every phrasing, with and without a no', () => {
    for (const template of [...each('correctionNo'), ...each('correctionActually')]) {
      const said = template.replace('{fact}', 'the time should be 20:30');
      expect(text(careful('The date is 2026-12-05, the time is 19:30 and the party size is 4.', CONFIRMED, said)), said).toContain('the time is 20:30');
    }
  });

  it('a yes to the confirmation is a yes; a go-ahead is a go-ahead; a no is a no', () => {
    const opening = 'The date is 2026-12-05, the time is 19:30 and the party size is 4.';
    for (const said of each('affirm')) expect(text(careful(opening, CONFIRMED, said)), said).toBe('Great. Shall I go ahead and book it?');
    for (const said of [...each('goAhead'), ...each('affirmAndGoAhead')]) {
      expect(called(careful(opening, CONFIRMED, said)), said).toEqual({ date: '2026-12-05', time: '19:30', party_size: 4 });
    }
    for (const said of each('decline')) expect(text(careful(opening, CONFIRMED, "Yes, that's right.", 'Great. Shall I go ahead and book it?', said)), said).toMatch(/won't go ahead/);
  });

  it('the benchmark\'s regex bot books on every go-ahead phrasing', () => {
    const opening = 'A table for 4 people on 2026-12-05 at 19:30, the name is Ada.';
    for (const said of [...each('goAhead'), ...each('affirmAndGoAhead')]) {
      const messages = [{ role: 'user', content: opening }, { role: 'assistant', content: 'To confirm … Shall I go ahead?' }, { role: 'user', content: said }];
      expect(called(regexRestaurantBot({ model: 'regex-restaurant', messages }, { requestNumber: 1 }) as FakeReply), said).toMatchObject({ party_size: 4, name: 'Ada' });
    }
  });

  it('no seed: the plain wording; a seed: the same wording every time, and seeds differ', () => {
    const words = (seed?: number) => {
      const say = createPhrasing(seed);
      return [say.opening('book a table'), say.informs(GOAL), say.affirm(), say.goAhead(), say.correction('time', '20:30', 'No'), say.idle()].join(' | ');
    };
    expect(words()).toBe("Hi, I'd like to book a table. | The date is 2026-12-05, the time is 19:30 and the party size is 4. | Yes, that's right. | Yes, please go ahead. | No, the time should be 20:30. | Is there anything else you need from me?");
    expect(words(7)).toBe(words(7));
    const distinct = new Set(Array.from({ length: 20 }, (_, seed) => words(seed)));
    expect(distinct.size).toBeGreaterThan(15);
  });
});
