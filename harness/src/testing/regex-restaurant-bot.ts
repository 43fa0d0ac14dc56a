import type { FakeChatRequest, FakeReply, Responder } from './fake-openai-server.js';

/**
 * The bot of the promptfoo benchmark recipe (`shared/peers/promptfoo/fake-server.mjs`),
 * ported so the benchmark can run the same workload without the recipe: it reads
 * slots from every user message with these regexes, asks for the first missing
 * one, confirms and asks to go ahead in one message, and books on "go ahead".
 */
const SLOTS: Array<[slot: string, pattern: RegExp, question: string]> = [
  ['date', /\b(today|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d{4}-\d{2}-\d{2})\b/i, 'What date would you like to book?'],
  ['time', /\b(\d{1,2}(:\d{2})?\s*(am|pm)|\d{1,2}:\d{2})\b/i, 'What time should I book it for?'],
  ['party_size', /\b(\d+)\s*(people|persons|guests|of us)\b/i, 'How many people will be dining?'],
  ['name', /\b(?:name is|under)\s+([A-Z][a-z]+)/, 'What name should the booking be under?'],
];

function reply(request: FakeChatRequest, requestNumber: number): FakeReply {
  const userTexts = request.messages.filter((m) => m.role === 'user').map((m) => m.content ?? '');
  const slots: Record<string, string | number> = {};
  for (const text of userTexts) {
    for (const [slot, pattern] of SLOTS) {
      const match = text.match(pattern);
      if (match) slots[slot] = slot === 'party_size' ? Number(match[1]) : slot === 'name' ? match[1]! : match[0];
    }
  }
  const last = (userTexts[userTexts.length - 1] ?? '').toLowerCase();
  const missing = SLOTS.find(([slot]) => slots[slot] === undefined);
  if (/go ahead/.test(last) && !missing) {
    return { message: { role: 'assistant', content: null, tool_calls: [{ id: `call_${requestNumber}`, type: 'function', function: { name: 'book_table', arguments: JSON.stringify(slots) } }] } };
  }
  if (missing) return { message: { role: 'assistant', content: missing[2] } };
  return { message: { role: 'assistant', content: `To confirm: a table for ${slots.party_size} on ${slots.date} at ${slots.time} under ${slots.name}. Shall I go ahead?` } };
}

export const regexRestaurantBot: Responder = (request, { requestNumber }) => reply(request, requestNumber);
