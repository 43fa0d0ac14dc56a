import type { FakeChatRequest, Responder } from './fake-openai-server.js';
import { ask, call, careful, done, viewOf } from './scripted-bots.js';

/**
 * The rules a prompt-following bot looks for in its system prompt. Unlike the
 * other scripted bots, its behaviour depends on the prompt, so a prompt patch
 * can fix it, and verifying the patch means something.
 */
export const PROMPT_RULES = {
  /** Without it the bot follows its question script, asking even for details the user gave in the opening message. */
  noReAsk: /\b(?:never|do not|don't) ask again\b/i,
  /** With both of these, it confirms, asks for permission, then acts; without them it acts as soon as it has every value. */
  readBack: /\b(?:confirm|repeat (?:them|the details) back|read (?:them|the details) back)\b/i,
  actOnlyAfterYes: /\bonly after\b[^.\n]*\b(?:yes|permission|go-ahead|go ahead)\b/i,
  /** Overrides the two above ("book as soon as you have every detail"). */
  hurry: /\bas soon as you have\b/i,
};

export interface PromptRules {
  noReAsk: boolean;
  confirmFirst: boolean;
}

export function readPromptRules(systemPrompt: string): PromptRules {
  return {
    noReAsk: PROMPT_RULES.noReAsk.test(systemPrompt),
    confirmFirst: PROMPT_RULES.readBack.test(systemPrompt) && PROMPT_RULES.actOnlyAfterYes.test(systemPrompt) && !PROMPT_RULES.hurry.test(systemPrompt),
  };
}

/** The request as a script-following bot sees it: the details in the user's opening message go unnoticed. */
function withoutOpeningDetails(request: FakeChatRequest): FakeChatRequest {
  const first = request.messages.findIndex((m) => m.role === 'user');
  return { ...request, messages: request.messages.map((m, i) => (i === first ? { ...m, content: '' } : m)) };
}

/** Address it as model `prompt-follower`: register it with `startFakeOpenAIServer({ responders })`. */
export const promptFollowingBot: Responder = (request, { requestNumber }) => {
  const system = request.messages.find((m) => m.role === 'system')?.content ?? '';
  const rules = readPromptRules(system);
  const view = viewOf(rules.noReAsk ? request : withoutOpeningDetails(request));
  if (view.lastRole === 'tool') return done();
  const missing = view.required.find((slot) => !view.filled.has(slot));
  if (missing) return ask(missing);
  return rules.confirmFirst ? careful(view, requestNumber) : call(view, requestNumber);
};
