import type { FakeChatRequest, FakeReply, Responder } from './fake-openai-server.js';

/** The LLM user's answer, as the model writes it. */
interface UserAnswer {
  reply: string;
  gives?: Record<string, string>;
  affirms?: boolean;
  negates?: boolean;
  goAhead?: boolean;
  ends?: boolean;
}

/**
 * A scripted stand-in for the LLM user's model, for tests and demos. It reads
 * the simulator prompt (`templates/llm-user.md.hbs`): the details ("- label
 * (slot): value"), the changes of mind, the permission rule and the last
 * "Bot:" line; and it answers in the phrasing the scripted bots understand
 * ("The <slot> is <value>."). It plays by the rules; tests that need a user
 * who breaks them register their own responder.
 */
export const scriptedUserModel: Responder = (request) => answer(promptOf(request));

function answer(prompt: string): FakeReply {
  const details = new Map([...prompt.matchAll(/^- .+ \((\w+)\): (.+)$/gm)].map((m) => [m[1]!, m[2]!.trim()]));
  if (prompt.includes('Write your first message')) {
    const volunteer = /no others: (.+)\.$/m.exec(prompt)?.[1]?.split(', ') ?? [];
    return say({ reply: `Hi, I'd like to book. ${informs(volunteer, details)}`.trim(), gives: pick(volunteer, details) });
  }
  const lastBot = [...prompt.matchAll(/^Bot: (.*)$/gm)].at(-1)?.[1] ?? '';
  const asked = /tell me the (.+?)(?: again)?\?/i.exec(lastBot)?.[1]?.replace(/ /g, '_');
  if (asked) return details.has(asked) ? say({ reply: informs([asked], details), gives: pick([asked], details) }) : say({ reply: "I don't have a preference." });
  if (lastBot.startsWith('To confirm')) return answerConfirmation(prompt);
  if (/Shall I go ahead/i.test(lastBot)) {
    return prompt.includes('never give the bot permission') ? say({ reply: 'No, not yet.', negates: true }) : say({ reply: 'Yes, please go ahead.', affirms: true, goAhead: true });
  }
  return say({ reply: '', ends: true });
}

function answerConfirmation(prompt: string): FakeReply {
  const change = /your (.+?) back to you, do not agree: change it to (.+)\.$/m.exec(prompt);
  if (change) {
    const slot = change[1]!.replace(/ /g, '_');
    return say({ reply: `No, the ${change[1]} should be ${change[2]}.`, gives: { [slot]: change[2]! }, negates: true });
  }
  if (prompt.includes('say yes and tell it to go ahead')) return say({ reply: "Yes, that's right. Please go ahead.", affirms: true, goAhead: true });
  return say({ reply: "Yes, that's right.", affirms: true });
}

function informs(slots: string[], details: Map<string, string>): string {
  return slots.map((slot) => `The ${slot.replace(/_/g, ' ')} is ${details.get(slot)}.`).join(' ');
}

function pick(slots: string[], details: Map<string, string>): Record<string, string> {
  return Object.fromEntries(slots.filter((s) => details.has(s)).map((s) => [s, details.get(s)!]));
}

function promptOf(request: FakeChatRequest): string {
  return request.messages.find((m) => m.role === 'user')?.content ?? '';
}

function say(answer: UserAnswer): FakeReply {
  return { message: { role: 'assistant', content: JSON.stringify(answer) } };
}
