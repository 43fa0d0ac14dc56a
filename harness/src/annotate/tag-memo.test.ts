import { describe, expect, it } from 'vitest';
import type { Task } from '../bot/task.js';
import { RESTAURANT } from '../testing/detector-fixtures.js';
import type { Act } from './acts.js';
import { tagBotMessage } from './tag-bot.js';
import { tagBotMemo, tagUserMemo } from './tag-memo.js';
import { tagUserMessage } from './tag-user.js';
import { taskModel } from './task-model.js';

// The restaurant task with a free-text slot, which a bare answer ("Ada Lovelace") can fill.
const TASK: Task = { ...RESTAURANT, slots: [...RESTAURANT.slots, { name: 'name', description: 'Name the reservation is under', type: 'string' }] };

describe('tagging memo', () => {
  it('answers a repeated bot message as tagging it afresh would, and what a caller changes does not leak into the next answer', () => {
    const model = taskModel(TASK, '2026-11-24');
    const message = { role: 'assistant' as const, content: 'What time would you like?' };
    const first = tagBotMemo(message, model);
    expect(first).toEqual(tagBotMessage(message, model));
    first.acts[0]!.slot = 'date';
    expect(tagBotMemo(message, model)).toEqual(tagBotMessage(message, model));
    expect(model.memo.bot.size).toBe(1);
  });

  it('keys a user message by what the bot had just asked', () => {
    const model = taskModel(TASK, '2026-11-24');
    const askedName: Act[] = [{ act: 'REQUEST', slot: 'name' }];
    const askedGoAhead: Act[] = [{ act: 'ASK_GO_AHEAD' }];
    for (const botActs of [askedName, askedGoAhead, [], askedName]) {
      expect(tagUserMemo('Sure.', model, botActs)).toEqual(tagUserMessage('Sure.', model, botActs));
      expect(tagUserMemo('Ada Lovelace', model, botActs)).toEqual(tagUserMessage('Ada Lovelace', model, botActs));
    }
    expect(model.memo.user.size).toBe(6);
    const answer = tagUserMemo('Ada Lovelace', model, askedName);
    answer.values[0]!.slot = 'time';
    expect(tagUserMemo('Ada Lovelace', model, askedName).values[0]!.slot).toBe('name');
  });
});
