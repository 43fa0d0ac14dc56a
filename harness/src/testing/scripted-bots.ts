import type { AssistantMessage } from '../transcript/schema.js';
import type { FakeChatRequest, FakeReply, Responder } from './fake-openai-server.js';
import { regexRestaurantBot } from './regex-restaurant-bot.js';

/**
 * What a scripted bot knows, read from the request alone: the first tool is
 * the action, its parameters the slots; values come from user sentences of
 * the form "the <slot> is <value>" (how the rule-based user speaks).
 */
interface BotView {
  action: string;
  required: string[];
  types: Record<string, string>;
  filled: Map<string, string>;
  lastRole: string;
  lastUser: string;
  lastBot: string;
  botTexts: string[];
}

const AFFIRMS = /^\s*(yes|yeah|yep|correct|that'?s right|right|sure)\b/i;
const NEGATES = /\b(no|don'?t|do not|not yet)\b/i;
const GO_AHEAD = /\b(go ahead|proceed|book it)\b/i;

function viewOf(request: FakeChatRequest): BotView {
  const tool = request.tools?.[0]?.function;
  const properties = (tool?.parameters?.properties ?? {}) as Record<string, { type?: string }>;
  const required = (tool?.parameters?.required ?? Object.keys(properties)) as string[];
  const messages = request.messages.filter((m) => m.role !== 'system');
  const userTexts = messages.filter((m) => m.role === 'user').map((m) => m.content ?? '');
  const filled = new Map<string, string>();
  for (const text of userTexts) {
    for (const slot of Object.keys(properties)) {
      const human = slot.replace(/_/g, ' ');
      const pattern = new RegExp(`\\bthe ${human}\\s+(?:is|should be|will be)\\s+(.+?)(?=\\s*(?:,|;|!|\\?|\\.(?:\\s|$)|\\s+and\\s+the\\s|$))`, 'i');
      const match = pattern.exec(text);
      if (match?.[1]) filled.set(slot, match[1].trim());
    }
  }
  const botTexts = messages.filter((m) => m.role === 'assistant' && m.content).map((m) => m.content!);
  return {
    action: tool?.name ?? 'act',
    required,
    types: Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, v.type ?? 'string'])),
    filled,
    lastRole: messages[messages.length - 1]?.role ?? 'user',
    lastUser: userTexts[userTexts.length - 1] ?? '',
    lastBot: botTexts[botTexts.length - 1] ?? '',
    botTexts,
  };
}

const say = (content: string): FakeReply => ({ message: { role: 'assistant', content } });
const human = (slot: string) => slot.replace(/_/g, ' ');
const ask = (slot: string) => say(`Could you tell me the ${human(slot)}?`);
const done = () => say('All done: your request has been completed successfully.');

function confirm(view: BotView): FakeReply {
  const parts = [...view.filled.entries()].map(([slot, value]) => `the ${human(slot)} is ${value}`);
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : (parts[0] ?? '');
  return say(`To confirm: ${list}. Is that correct?`);
}

function call(view: BotView, n: number): FakeReply {
  const args = Object.fromEntries(
    [...view.filled.entries()].map(([slot, value]) => [slot, view.types[slot] === 'integer' || view.types[slot] === 'number' ? Number(value) : value]),
  );
  return { message: { role: 'assistant', content: null, tool_calls: [{ id: `call_${n}`, type: 'function', function: { name: view.action, arguments: JSON.stringify(args) } }] } };
}

/** Confirms the values, then asks for permission separately, then acts. */
function careful(view: BotView, n: number): FakeReply {
  if (view.lastRole === 'tool') return done();
  const missing = view.required.find((slot) => !view.filled.has(slot));
  if (missing) return ask(missing);
  const confirmed = view.lastBot.startsWith('To confirm');
  const askedGoAhead = view.lastBot.includes('Shall I go ahead');
  const affirms = AFFIRMS.test(view.lastUser) && !/^\s*no\b/i.test(view.lastUser);
  const goAhead = GO_AHEAD.test(view.lastUser) && !NEGATES.test(view.lastUser);
  if (askedGoAhead && NEGATES.test(view.lastUser)) return say("Okay, I won't go ahead. Let me know if you change your mind.");
  if ((confirmed || askedGoAhead) && goAhead) return call(view, n);
  if (askedGoAhead && affirms) return call(view, n);
  if (confirmed && affirms) return say('Great. Shall I go ahead and book it?');
  return confirm(view);
}

/** Acts as soon as it has every value: no confirmation, no go-ahead. */
function eager(view: BotView, n: number): FakeReply {
  if (view.lastRole === 'tool') return done();
  const missing = view.required.find((slot) => !view.filled.has(slot));
  return missing ? ask(missing) : call(view, n);
}

/** Careful, except that once it has every value it asks again for the first one. */
function forgetful(view: BotView, n: number): FakeReply {
  if (view.lastRole === 'tool') return done();
  const missing = view.required.find((slot) => !view.filled.has(slot));
  if (missing) return ask(missing);
  if (!view.botTexts.some((t) => t.includes('again?'))) return say(`Sorry, could you tell me the ${human(view.required[0]!)} again?`);
  return careful(view, n);
}

type Policy = (view: BotView, n: number) => FakeReply;

function responder(policy: Policy): Responder {
  return (request, { requestNumber }) => policy(viewOf(request), requestNumber);
}

/** Scripted bots with known behaviour, addressed by model name. */
export const SCRIPTED_BOTS: Record<string, Responder> = {
  careful: responder(careful),
  eager: responder(eager),
  forgetful: responder(forgetful),
  'regex-restaurant': regexRestaurantBot,
};

