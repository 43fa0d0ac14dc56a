import type { Act } from '../annotate/acts.js';
import { referenceDate, sameValue } from '../annotate/normalize.js';
import { findSlot, humanize, type SlotValue, type Task } from '../bot/task.js';
import { isSlotcheckError, SlotcheckError } from '../core/errors.js';
import { loadTemplate } from '../core/template.js';
import type { ChatModel } from '../model/chat-model.js';
import { completeStructured } from '../model/structured.js';
import type { Scenario } from '../scenario/schema.js';
import type { ChatMessage } from '../transcript/schema.js';
import { applyReply, endsNow, initialState, LlmUserReplySchema, policyProblems, type LlmUserReply, type LlmUserState, type TurnContext } from './llm-user-reply.js';
import type { SimulatorView, UserSimulator, UserTurn } from './simulator.js';

/** The template the prompt is rendered from, in `harness/templates/`. */
export const LLM_USER_TEMPLATE = 'llm-user.md.hbs';

export interface LlmUserOptions {
  model: ChatModel;
  /** The model name sent with each request. */
  modelName: string;
}

/**
 * A user played by a model, from the scenario's persona and goal. Each reply
 * is structured (text plus what it gives, affirms, negates, authorises) and
 * checked against the goal and the scenario's policy in code; a reply that
 * breaks them is regenerated once with the problem fed back, then the
 * conversation fails as a simulator error (SIMULATOR_FAILED), never a bot failure.
 */
export function createLlmUser(scenario: Scenario, task: Task, options: LlmUserOptions): UserSimulator {
  const state = initialState(scenario);
  const reference = referenceDate(scenario.today);
  const same = (slot: string, a: SlotValue, b: SlotValue) => sameValue(a, b, findSlot(task, slot), reference);
  let render: Promise<(context: object) => string> | undefined;
  const turn = async (messages: readonly ChatMessage[], botActs: readonly Act[], signal: AbortSignal | undefined): Promise<UserTurn | null> => {
    render ??= loadTemplate(LLM_USER_TEMPLATE, { noEscape: true });
    const prompt = (await render)(promptData(scenario, task, state, messages));
    const ctx: TurnContext = { scenario, state, botActs, opening: messages.length === 0, same };
    const reply = await checkedReply(options, prompt, ctx, signal);
    if (reply.ends) return null;
    const acts = applyReply(reply, ctx);
    return !ctx.opening && endsNow(acts, ctx) ? null : { content: reply.reply.trim(), acts };
  };
  return {
    kind: 'llm',
    async open(callOptions = {}) {
      const verbatim = scenario.user.opening;
      if (verbatim === undefined) return (await turn([], [], callOptions.signal))!;
      const ctx: TurnContext = { scenario, state, botActs: [], opening: true, same };
      return { content: verbatim, acts: applyReply({ reply: verbatim, gives: volunteered(scenario), affirms: false, negates: false, goAhead: false, ends: false }, ctx) };
    },
    async respond(view: SimulatorView, callOptions = {}) {
      if (view.actionDone || state.declined) return null;
      return turn(view.messages, view.botActs, callOptions.signal);
    },
  };
}

/** Asks for a reply; one that breaks the policy is regenerated once with the problems fed back. */
async function checkedReply(options: LlmUserOptions, prompt: string, ctx: TurnContext, signal: AbortSignal | undefined): Promise<LlmUserReply> {
  const messages: ChatMessage[] = [{ role: 'user', content: prompt }];
  let problems: string[] = [];
  for (let attempt = 1; attempt <= 2; attempt += 1) {
    const { value, raw } = await ask(options, messages, signal);
    problems = policyProblems(value, ctx);
    if (problems.length === 0) return value;
    messages.push({ role: 'assistant', content: raw }, { role: 'user', content: `That reply breaks your instructions: ${problems.join('; ')}. Reply again with the corrected JSON object.` });
  }
  throw new SlotcheckError('SIMULATOR_FAILED', `the LLM user broke its scenario (${ctx.scenario.file}) twice: ${problems.join('; ')}`);
}

/** A simulator model that refuses or cannot produce the shape is a simulator error; connection problems stay infrastructure errors. */
async function ask(options: LlmUserOptions, messages: ChatMessage[], signal: AbortSignal | undefined) {
  try {
    return await completeStructured(options.model, { model: options.modelName, messages }, LlmUserReplySchema, { role: 'user', ...(signal ? { signal } : {}) });
  } catch (error) {
    if (isSlotcheckError(error) && (error.code === 'MODEL_OUTPUT_INVALID' || error.code === 'MODEL_REFUSED')) {
      throw new SlotcheckError('SIMULATOR_FAILED', `the LLM user's model (${options.modelName}) failed: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

function volunteered(scenario: Scenario): Record<string, SlotValue> {
  return Object.fromEntries(scenario.user.volunteer.map((slot) => [slot, scenario.user.goal[slot]!]));
}

/** What the template sees; every field present, because templates are strict. */
function promptData(scenario: Scenario, task: Task, state: LlmUserState, messages: readonly ChatMessage[]) {
  const { user } = scenario;
  return {
    persona: user.persona ?? null,
    intent: task.actions.find((a) => a.consequential)?.description || task.description || task.name,
    goal: Object.entries(state.current).map(([slot, value]) => ({ slot, label: findSlot(task, slot)?.description || humanize(slot), value: String(value) })),
    corrections: state.pending.map((c) =>
      c.when === 'at-confirmation'
        ? `When the bot first repeats your ${humanize(c.slot)} back to you, do not agree: change it to ${String(c.to)}.`
        : `In the message right after you give your ${humanize(c.slot)}, change your mind: it should be ${String(c.to)}.`,
    ),
    permission: permissionText(scenario),
    opening: messages.length === 0,
    volunteer: user.volunteer,
    conversation: messages.flatMap((m) => (m.role === 'user' ? [{ speaker: 'You', text: m.content }] : m.role === 'assistant' && m.content ? [{ speaker: 'Bot', text: m.content }] : [])),
    exampleSlot: Object.keys(state.current)[0] ?? 'slot',
  };
}

function permissionText(scenario: Scenario): string {
  const { user } = scenario;
  if (user.confirmation === 'affirm-and-go-ahead') return 'when the bot repeats your final details back correctly, say yes and tell it to go ahead, in the same message (affirms and goAhead).';
  if (user.goAhead === 'never') return 'never give the bot permission to act. If it asks, say no, not yet (negates).';
  return 'saying the details are right is not permission. When the bot repeats your details back correctly, say yes (affirms) without giving permission; give permission (goAhead) only when the bot asks whether it may go ahead, and only once your details are final.';
}
