import { describe, expect, it } from 'vitest';
import type { BotTurnInput } from './bot.js';
import { HttpConfigSchema } from './http-schema.js';
import { compileWire, defaultTarget, type WireReply } from './http-wire.js';

const FILE = 'bots/desk/bot.yaml';
const wire = (config: unknown) => compileWire(HttpConfigSchema.parse(config), FILE);
const input = (session?: unknown): BotTurnInput => ({
  threadId: 'trip#1~ab12',
  messages: [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Where to?' }, { role: 'user', content: 'To "Paris"' }],
  newMessages: [{ role: 'user', content: 'To "Paris"' }],
  scenario: { id: 'trip', today: '2026-11-24', trial: 1 },
  ...(session !== undefined ? { session } : {}),
});
const reply = (body: unknown, headers: WireReply['headers'] = {}, status = 200): WireReply => ({ status, headers, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('the HTTP wire: requests', () => {
  it('by default posts JSON with the thread, the whole conversation and the new messages', () => {
    const request = wire({ url: 'http://bot.local/chat', headers: { 'X-Api-Key': 'k' } }).request(input());
    expect(request).toMatchObject({ method: 'POST', url: 'http://bot.local/chat', headers: { 'content-type': 'application/json', 'X-Api-Key': 'k' } });
    expect(JSON.parse(request.body)).toEqual({ threadId: 'trip#1~ab12', messages: input().messages, newMessages: input().newMessages });
  });

  it('renders a body template (JSON-safe with {{json}}) and a URL template (URL-encoded), and sends the session where told', () => {
    const w = wire({ url: 'http://bot.local/threads/{{threadId}}', body: '{"q": {{json lastUserMessage}}, "day": "{{scenario.today}}"}', session: { from: { field: '$.sid' } } });
    const first = w.request(input());
    expect(first.url).toBe('http://bot.local/threads/trip%231~ab12');
    expect(JSON.parse(first.body)).toEqual({ q: 'To "Paris"', day: '2026-11-24' });
    expect(JSON.parse(w.request(input('s-9')).body)).toEqual({ q: 'To "Paris"', day: '2026-11-24', sid: 's-9' });
    const viaHeader = wire({ url: 'http://bot.local/c', session: { from: { field: '$.data.session' }, to: { header: 'X-Session' } } }).request(input({ id: 7 }));
    expect(viaHeader.headers['X-Session']).toBe('{"id":7}');
    expect(JSON.parse(viaHeader.body)).not.toHaveProperty('session');
    const viaCookie = wire({ url: 'http://bot.local/c', headers: { Cookie: 'lang=en' }, session: { from: { cookie: 'sid' } } }).request(input('a b'));
    expect(viaCookie.headers.Cookie).toBe('lang=en; sid=a%20b');
  });

  it('a JSON body may end an object right after a mustache, or use a triple-stash', () => {
    const w = wire({ url: 'http://bot.local/c', body: '{"m": {"last": {{json lastUserMessage}}}, "t": {{{json threadId}}}}' });
    expect(JSON.parse(w.request(input()).body)).toEqual({ m: { last: 'To "Paris"' }, t: 'trip#1~ab12' });
  });

  it('a session goes back where it came from unless told: a field by its name, a header, a cookie', () => {
    expect(defaultTarget({ field: '$.sessionId' })).toEqual({ field: 'sessionId' });
    expect(defaultTarget({ field: '$.data[0].id' })).toEqual({ field: 'session' });
    expect(defaultTarget({ header: 'x-conversation' })).toEqual({ header: 'x-conversation' });
    expect(defaultTarget({ cookie: 'sid' })).toEqual({ cookie: 'sid' });
  });
});

describe('the HTTP wire: replies', () => {
  it('reads OpenAI messages: text, tool calls with object arguments, the results of tools the bot ran', () => {
    const turn = wire({ url: 'http://bot.local/c' }).reply(reply({ messages: [
      { role: 'assistant', tool_calls: [{ id: 'b1', type: 'function', function: { name: 'book', arguments: { city: 'Paris' } } }] },
      { role: 'tool', tool_call_id: 'b1', content: { status: 'booked' } },
      { role: 'assistant', content: 'Booked.' },
    ] }), input());
    expect(turn.messages).toEqual([
      { role: 'assistant', content: null, tool_calls: [{ id: 'b1', type: 'function', function: { name: 'book', arguments: '{"city":"Paris"}' } }] },
      { role: 'tool', tool_call_id: 'b1', content: '{"status":"booked"}' },
      { role: 'assistant', content: 'Booked.' },
    ]);
  });

  it('builds the turn from paths: calls, then their results, then each text; the session from a header or cookie, else the last one', () => {
    const w = wire({ url: 'http://bot.local/c', reply: { text: '$.out[?@.type=="text"].value', toolCalls: '$.out[?@.type=="action"]', toolResults: '$.out[?@.type=="action"].result' }, session: { from: { header: 'X-Session' } } });
    const body = { out: [{ type: 'text', value: 'Done.' }, { type: 'action', name: 'book', args: { n: 2 }, result: { ok: true } }, { type: 'text', value: 'Anything else?' }] };
    const turn = w.reply(reply(body, { 'x-session': 's-2' }), input('s-1'));
    expect(turn.messages.map((m) => m.role)).toEqual(['assistant', 'tool', 'assistant', 'assistant']);
    expect(turn.messages[0]).toMatchObject({ tool_calls: [{ id: 'call_1', function: { name: 'book', arguments: '{"n":2}' } }] });
    expect(turn.messages[1]).toEqual({ role: 'tool', tool_call_id: 'call_1', content: '{"ok":true}' });
    expect(turn.session).toBe('s-2');
    expect(w.reply(reply({ out: [{ type: 'text', value: 'Hi' }] }), input('s-1')).session).toBe('s-1');
    const cookie = wire({ url: 'http://bot.local/c', reply: { text: '$.t' }, session: { from: { cookie: 'sid' } } });
    expect(cookie.reply(reply({ t: 'Hi' }, { 'set-cookie': ['lang=en; Path=/', 'sid=x%201; HttpOnly'] }), input()).session).toBe('x 1');
  });

  it('a reply that repeats the conversation (an agent\'s state, LangChain messages too) gives what follows the message just sent', () => {
    const state = { messages: [
      { type: 'system', content: 'You book.' }, { type: 'human', content: 'Hi' }, { type: 'ai', content: 'Where to?' }, { type: 'human', content: 'To "Paris"' },
      { type: 'ai', content: '', tool_calls: [{ id: 't1', name: 'book', args: { city: 'Paris' } }] }, { type: 'tool', tool_call_id: 't1', content: 'ok' },
      { type: 'ai', content: [{ type: 'text', text: 'Booked ' }, { type: 'text', text: 'Paris.' }] },
    ] };
    expect(wire({ url: 'http://bot.local/c' }).reply(reply(state), input()).messages).toEqual([
      { role: 'assistant', content: null, tool_calls: [{ id: 't1', type: 'function', function: { name: 'book', arguments: '{"city":"Paris"}' } }] },
      { role: 'tool', tool_call_id: 't1', content: 'ok' },
      { role: 'assistant', content: 'Booked Paris.' },
    ]);
  });

  it('a reply that holds no turn is BOT_REPLY_INVALID (or BOT_HTTP_STATUS) naming the bot file and what was wrong', () => {
    const w = wire({ url: 'http://bot.local/c' });
    const fails = (r: WireReply, code: string, text: RegExp) => {
      try {
        w.reply(r, input());
        expect.unreachable();
      } catch (error) {
        expect(error).toMatchObject({ code, message: expect.stringMatching(text) });
        expect((error as Error).message.startsWith(FILE)).toBe(true);
      }
    };
    fails(reply({ error: 'down' }, {}, 502), 'BOT_HTTP_STATUS', /HTTP 502: \{"error":"down"\}/);
    fails(reply('<html>'), 'BOT_REPLY_INVALID', /not JSON: <html>/);
    fails(reply({ messages: [] }), 'BOT_REPLY_INVALID', /no assistant message/);
    fails(reply({ messages: [{ role: 'user', content: 'echo' }, { role: 'assistant', content: 'Hi' }] }), 'BOT_REPLY_INVALID', /repeats the conversation, but its last user message is not the one just sent: "echo"/);
    fails(reply({ messages: [{ role: 'critic', content: 'meh' }] }), 'BOT_REPLY_INVALID', /role "critic"; the bot's turn holds only its own messages/);
    fails(reply({ messages: [{ role: 'assistant', content: 'x' }, { role: 'tool', tool_call_id: 'z', content: '{}' }] }), 'BOT_REPLY_INVALID', /answers tool call "z", which no assistant message of this turn made/);
    fails(reply({ messages: [{ role: 'assistant', tool_calls: [{ name: 'book', arguments: '{"a":' }] }] }), 'BOT_REPLY_INVALID', /arguments of "book" are not a JSON object/);
    fails(reply({ answer: 'hi' }), 'BOT_REPLY_INVALID', /\$\.messages matched nothing in a reply with keys answer/);
  });
});
