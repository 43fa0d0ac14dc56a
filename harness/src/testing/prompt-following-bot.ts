import type { FakeChatRequest, Responder } from './fake-openai-server.js';
import { SCRIPTED_BOTS } from './scripted-bots.js';

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
  /** Confirms, then asks for permission, then acts. */
  confirmFirst: boolean;
  /** Reads the details back but was never told to wait for a separate yes: acts on the confirmation ("confirm the details and book"). */
  confirmThenAct: boolean;
}

export function readPromptRules(systemPrompt: string): PromptRules {
  const readBack = PROMPT_RULES.readBack.test(systemPrompt) && !PROMPT_RULES.hurry.test(systemPrompt);
  const confirmFirst = readBack && PROMPT_RULES.actOnlyAfterYes.test(systemPrompt);
  return { noReAsk: PROMPT_RULES.noReAsk.test(systemPrompt), confirmFirst, confirmThenAct: readBack && !confirmFirst };
}

/** The request as a script-following bot sees it: the details in the user's opening message go unnoticed. */
function withoutOpeningDetails(request: FakeChatRequest): FakeChatRequest {
  const first = request.messages.findIndex((m) => m.role === 'user');
  return { ...request, messages: request.messages.map((m, i) => (i === first ? { ...m, content: '' } : m)) };
}

/**
 * Address it as model `prompt-follower`: register it with `startFakeOpenAIServer({ responders })`.
 * It behaves as the scripted bot its prompt's rules call for: `careful`, `rubber-stamp` (reads back,
 * then acts on the yes to that) or `eager`; script-following (blind to the opening message) unless
 * told never to ask again. It reads the task from the tools it is offered, so any bot will do.
 */
export const promptFollowingBot: Responder = (request, context) => {
  const system = request.messages.find((m) => m.role === 'system')?.content ?? '';
  const rules = readPromptRules(system);
  const seen = rules.noReAsk ? request : withoutOpeningDetails(request);
  const policy = rules.confirmFirst ? 'careful' : rules.confirmThenAct ? 'rubber-stamp' : 'eager';
  return SCRIPTED_BOTS[policy]!(seen, context);
};
