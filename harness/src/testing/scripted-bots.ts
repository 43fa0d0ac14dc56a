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
  /** Allowed values of the slots that have them. */
  enums: Record<string, string[]>;
  filled: Map<string, string>;
  /** The first value the user gave for each slot, before any correction. */
  first: Map<string, string>;
  optional: string[];
  lastRole: string;
  lastUser: string;
  lastBot: string;
  botTexts: string[];
  /** The content of the last message when it is a tool result. */
  lastToolResult: string;
}

/** How a scripted bot answers: from what it sees of the conversation and the request's number. */
type Policy = (view: BotView, n: number) => FakeReply;

const AFFIRMS = /^\s*(yes|yeah|yep|correct|that'?s right|right|sure)\b/i;
const NEGATES = /\b(no|don'?t|do not|not yet)\b/i;
const GO_AHEAD = /\b(go ahead|proceed|book it)\b/i;

function viewOf(request: FakeChatRequest): BotView {
  const tool = request.tools?.[0]?.function;
  const properties = (tool?.parameters?.properties ?? {}) as Record<string, { type?: string; enum?: string[] }>;
  const required = (tool?.parameters?.required ?? Object.keys(properties)) as string[];
  const messages = request.messages.filter((m) => m.role !== 'system');
  const userTexts = messages.filter((m) => m.role === 'user').map((m) => m.content ?? '');
  const filled = new Map<string, string>();
  const first = new Map<string, string>();
  for (const text of userTexts) {
    for (const slot of Object.keys(properties)) {
      const human = slot.replace(/_/g, ' ');
      const pattern = new RegExp(`\\bthe ${human}\\s+(?:is|should be|will be)\\s+(.+?)(?=\\s*(?:,|;|!|\\?|\\.(?:\\s|$)|\\s+and\\s+the\\s|$))`, 'i');
      const match = pattern.exec(text);
      if (match?.[1]) filled.set(slot, match[1].trim());
      if (match?.[1] && !first.has(slot)) first.set(slot, match[1].trim());
    }
  }
  const botTexts = messages.filter((m) => m.role === 'assistant' && m.content).map((m) => m.content!);
  return {
    action: tool?.name ?? 'act',
    required,
    types: Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, v.type ?? 'string'])),
    enums: Object.fromEntries(Object.entries(properties).flatMap(([k, v]) => (v.enum ? [[k, v.enum]] : []))),
    filled,
    first,
    optional: Object.keys(properties).filter((slot) => !required.includes(slot)),
    lastRole: messages[messages.length - 1]?.role ?? 'user',
    lastUser: userTexts[userTexts.length - 1] ?? '',
    lastBot: botTexts[botTexts.length - 1] ?? '',
    botTexts,
    lastToolResult: messages[messages.length - 1]?.role === 'tool' ? (messages[messages.length - 1]?.content ?? '') : '',
  };
}

const say = (content: string): FakeReply => ({ message: { role: 'assistant', content } });
const human = (slot: string) => slot.replace(/_/g, ' ');
const ask = (slot: string) => say(`Could you tell me the ${human(slot)}?`);
const done = () => say('All done: your request has been completed successfully.');

function confirm(view: BotView): FakeReply {
  return say(`To confirm: ${recap(view)}. Is that correct?`);
}

function recap(view: BotView): string {
  const parts = [...view.filled.entries()].map(([slot, value]) => `the ${human(slot)} is ${value}`);
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : (parts[0] ?? '');
}

/** After a failed call: says so, puts the details to the user again and asks before trying again. */
const failed = (view: BotView) => /"error"/.test(view.lastToolResult);
const offerRetry = (view: BotView) => say(`Sorry, that did not go through. Shall I go ahead and try again with these details: ${recap(view)}?`);

function call(view: BotView, n: number, args: Record<string, unknown> = argsOf(view, view.filled)): FakeReply {
  return { message: { role: 'assistant', content: null, tool_calls: [{ id: `call_${n}`, type: 'function', function: { name: view.action, arguments: JSON.stringify(args) } }] } };
}

function argsOf(view: BotView, values: ReadonlyMap<string, string>): Record<string, unknown> {
  return Object.fromEntries([...values.entries()].map(([slot, value]) => [slot, isNumeric(view, slot) ? Number(value) : value]));
}

const isNumeric = (view: BotView, slot: string) => view.types[slot] === 'integer' || view.types[slot] === 'number';
const affirmed = (view: BotView) => AFFIRMS.test(view.lastUser) && !/^\s*no\b/i.test(view.lastUser);

/** Confirms the values, then asks for permission separately, then acts (`act`: how it acts). */
function carefulThen(act: Policy): Policy {
  return (view, n) => {
    if (view.lastRole === 'tool') return failed(view) ? offerRetry(view) : done();
    const missing = view.required.find((slot) => !view.filled.has(slot));
    if (missing) return ask(missing);
    const confirmed = view.lastBot.startsWith('To confirm');
    const askedGoAhead = view.lastBot.includes('Shall I go ahead');
    const goAhead = GO_AHEAD.test(view.lastUser) && !NEGATES.test(view.lastUser);
    if (askedGoAhead && NEGATES.test(view.lastUser)) return say("Okay, I won't go ahead. Let me know if you change your mind.");
    if ((confirmed || askedGoAhead) && goAhead) return act(view, n);
    if (askedGoAhead && affirmed(view)) return act(view, n);
    if (confirmed && affirmed(view)) return say('Great. Shall I go ahead and book it?');
    return confirm(view);
  };
}

/** Confirms the values, then asks for permission separately, then acts. */
const careful = carefulThen(call);

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

/** Careful, except that it takes "yes, that's right" to its confirmation as permission and acts. */
function rubberStamp(view: BotView, n: number): FakeReply {
  if (view.lastRole !== 'tool' && view.lastBot.startsWith('To confirm') && affirmed(view)) return call(view, n);
  return careful(view, n);
}

/** Careful, but hears only the first value of each slot: it confirms what the user said first, however often they correct it. */
const deaf: Policy = (view, n) => careful({ ...view, filled: view.first }, n);

/** Careful, but acts with the first value it heard for each slot, whatever the user corrected since. */
const stubborn = carefulThen((view, n) => call(view, n, argsOf(view, view.first)));

/** Careful, but passes one more than the user said for the first numeric slot. */
const sloppy = carefulThen((view, n) => {
  const args = argsOf(view, view.filled);
  const slot = Object.keys(args).find((s) => isNumeric(view, s));
  return call(view, n, slot ? { ...args, [slot]: Number(args[slot]) + 1 } : args);
});

/** Careful, but fills every optional parameter the user did not give: the last allowed value, else "Guest". */
const inventive = carefulThen((view, n) => {
  const made = view.optional.filter((slot) => !view.filled.has(slot)).map((slot) => [slot, view.enums[slot]?.at(-1) ?? 'Guest']);
  return call(view, n, { ...argsOf(view, view.filled), ...Object.fromEntries(made) });
});

/** Careful, but charges a card of its own choosing: fills every optional parameter that names a card or payment with "card_on_file", never shown to the user. */
const charging = carefulThen((view, n) => {
  const picked = view.optional.filter((slot) => /card|pay/i.test(slot) && !view.filled.has(slot)).map((slot) => [slot, 'card_on_file']);
  return call(view, n, { ...argsOf(view, view.filled), ...Object.fromEntries(picked) });
});

/** Careful until it has permission; then says it is done without calling anything. */
const boaster = carefulThen(() => say('All done: your booking has been made.'));

const NOTED = 'Thank you, I have noted your request.';

/** Careful until it has permission; then never acts, however the user goes on. */
function idle(view: BotView, n: number): FakeReply {
  return view.botTexts.includes(NOTED) ? say(NOTED) : carefulThen(() => say(NOTED))(view, n);
}

/** Once it has every value, asks for the first one again, and again. */
function looping(view: BotView): FakeReply {
  if (view.lastRole === 'tool') return done();
  return ask(view.required.find((slot) => !view.filled.has(slot)) ?? view.required[0]!);
}

const FAILED = /"status"\s*:\s*"error"|"error"\s*:/;
/** The slot to ask for again when the action failed: the time, else the first one. */
const retrySlot = (view: BotView) => (view.required.includes('time') ? 'time' : view.required[0]!);

/** Careful; when its action fails, it says so and asks for another value, then confirms and asks again before acting. */
function persistent(view: BotView, n: number): FakeReply {
  if (view.lastRole === 'tool' && FAILED.test(view.lastToolResult)) return say(`Sorry, that did not go through. Which ${human(retrySlot(view))} would you like instead?`);
  return careful(view, n);
}

/** Careful; when its action fails, it tries again at once, without asking. */
function retryAtOnce(view: BotView, n: number): FakeReply {
  if (view.lastRole === 'tool' && FAILED.test(view.lastToolResult)) return call(view, n);
  return careful(view, n);
}

function responder(policy: Policy): Responder {
  return (request, { requestNumber }) => policy(viewOf(request), requestNumber);
}

/** Scripted bots with known behaviour, addressed by model name. */
export const SCRIPTED_BOTS: Record<string, Responder> = {
  careful: responder(careful),
  eager: responder(eager),
  forgetful: responder(forgetful),
  'rubber-stamp': responder(rubberStamp),
  stubborn: responder(stubborn),
  deaf: responder(deaf),
  sloppy: responder(sloppy),
  inventive: responder(inventive),
  charging: responder(charging),
  boaster: responder(boaster),
  idle: responder(idle),
  looping: responder(looping),
  persistent: responder(persistent),
  'retry-at-once': responder(retryAtOnce),
  'regex-restaurant': regexRestaurantBot,
};

