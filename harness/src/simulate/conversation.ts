import type { Act } from '../annotate/acts.js';
import { tagAssistant, type TaskModel } from '../annotate/offline-tagger.js';
import type { Bot } from '../bot/schema.js';
import { toolsForTask, type FunctionTool } from '../bot/tools.js';
import { isSlotcheckError } from '../core/errors.js';
import type { ChatModel } from '../model/chat-model.js';
import type { ConversationError, EndReason } from '../transcript/record.js';
import { toolArguments, type AssistantMessage, type ChatMessage } from '../transcript/schema.js';
import type { Scenario } from '../scenario/schema.js';
import type { SimulatorView, UserSimulator, UserTurn } from './simulator.js';

/** Everything one simulated conversation needs. */
export interface ConversationSetup {
  scenario: Scenario;
  bot: Bot;
  systemPrompt: string;
  modelName: string;
  model: ChatModel;
  simulator: UserSimulator;
  /** Used to read the bot's messages for the simulator. */
  taskModel: TaskModel;
  maxTurns: number;
  /** The most tool rounds the bot may chain without a user turn. */
  maxToolRounds?: number;
  /** The trial number: keeps trials apart in the call cache. */
  sample?: number;
  signal?: AbortSignal;
}

/** What a simulated conversation produced, before annotation and detection. */
export interface SimulatedConversation {
  messages: ChatMessage[];
  userActs: Record<string, Act[]>;
  endReason: EndReason;
  error?: ConversationError;
  modelCalls: number;
  /** Failed attempts that were retried, by error code. */
  retries: Record<string, number>;
  /** Calls answered from the call cache. */
  cachedCalls: number;
}

/**
 * Plays user and bot in turn until the user ends, the bot has acted and the
 * user has nothing more to say, or the turn budget runs out. A model or
 * simulator error ends the conversation as an error, keeping what was said.
 */
export async function simulateConversation(setup: ConversationSetup): Promise<SimulatedConversation> {
  const run: SimulatedConversation = { messages: [], userActs: {}, endReason: 'user-ended', modelCalls: 0, retries: {}, cachedCalls: 0 };
  const tools = toolsForTask(setup.bot.task);
  let phase: Phase = 'simulator';
  try {
    let turn: UserTurn | null = await setup.simulator.open({ signal: setup.signal });
    let userTurns = 0;
    let actionDone = false;
    while (turn) {
      run.userActs[String(run.messages.length)] = turn.acts;
      run.messages.push({ role: 'user', content: turn.content });
      userTurns += 1;
      phase = 'bot';
      const reply = await botReply(setup, run, tools);
      actionDone ||= reply.actedConsequentially;
      if (userTurns >= setup.maxTurns && !actionDone) {
        run.endReason = 'turn-budget';
        return run;
      }
      phase = 'simulator';
      turn = await setup.simulator.respond(lazyView(run.messages, reply.replies, actionDone, setup.taskModel), { signal: setup.signal });
      if (!turn) run.endReason = actionDone ? 'action-done' : 'user-ended';
    }
    return run;
  } catch (error) {
    return { ...run, endReason: 'error', error: toConversationError(error, phase, setup.signal) };
  }
}

/**
 * What the simulator sees. The bot's acts are tagged only when the simulator
 * reads them (a scripted user mostly does not): tagging is a good part of the
 * harness's CPU per model call.
 */
function lazyView(messages: readonly ChatMessage[], replies: readonly AssistantMessage[], actionDone: boolean, model: TaskModel): SimulatorView {
  let acts: Act[] | undefined;
  return {
    messages,
    actionDone,
    get botActs() {
      return (acts ??= replies.flatMap((reply) => tagAssistant(reply, model)));
    },
  };
}

async function botReply(setup: ConversationSetup, run: SimulatedConversation, tools: FunctionTool[]) {
  const replies: AssistantMessage[] = [];
  let actedConsequentially = false;
  for (let round = 0; round <= (setup.maxToolRounds ?? 3); round += 1) {
    const result = await setup.model.complete(
      {
        model: setup.modelName,
        messages: [{ role: 'system', content: setup.systemPrompt }, ...run.messages],
        tools,
        temperature: setup.bot.settings.temperature,
        ...(setup.bot.settings.maxTokens ? { maxTokens: setup.bot.settings.maxTokens } : {}),
      },
      { ...(setup.signal ? { signal: setup.signal } : {}), ...(setup.sample !== undefined ? { sample: setup.sample } : {}) },
    );
    run.modelCalls += 1;
    if (result.cached) run.cachedCalls += 1;
    for (const code of result.retried ?? []) run.retries[code] = (run.retries[code] ?? 0) + 1;
    run.messages.push(result.message);
    replies.push(result.message);
    if (!result.message.tool_calls?.length) break;
    actedConsequentially ||= result.message.tool_calls.some((call) => setup.bot.task.actions.some((a) => a.name === call.function.name && a.consequential));
    run.messages.push(...toolResults(result.message, setup));
  }
  return { replies, actedConsequentially };
}

/** Simulated tool results: the scenario's, else the bot's, else `{"status":"ok"}`. */
function toolResults(message: AssistantMessage, setup: ConversationSetup): ChatMessage[] {
  return (message.tool_calls ?? []).map((call) => {
    const known = setup.bot.task.actions.some((a) => a.name === call.function.name);
    const validArgs = toolArguments(call) !== undefined;
    const result = !known
      ? { error: `unknown tool "${call.function.name}"` }
      : !validArgs
        ? { error: 'arguments are not a valid JSON object' }
        : (setup.scenario.toolResults[call.function.name] ?? setup.bot.settings.toolResults[call.function.name] ?? { status: 'ok' });
    return { role: 'tool' as const, tool_call_id: call.id, content: JSON.stringify(result) };
  });
}

type Phase = 'bot' | 'simulator';

/** Output the model could not give in a usable form: the fault of whoever's turn it was. */
const OUTPUT_CODES = new Set(['MODEL_OUTPUT_INVALID', 'MODEL_REFUSED']);

/**
 * Blame: a time-out, an interruption, transport and endpoint trouble are the
 * infrastructure's; unusable output is the bot's or the simulator's,
 * whichever was speaking; anything else thrown while the simulator plays is
 * the simulator's.
 */
function toConversationError(error: unknown, phase: Phase, signal: AbortSignal | undefined): ConversationError {
  if (signal?.aborted) {
    const reason: unknown = signal.reason;
    const timedOut = reason instanceof Error && reason.name === 'TimeoutError';
    return { code: timedOut ? 'CONVERSATION_TIMEOUT' : 'ABORTED', message: timedOut ? 'the conversation ran past its time-out (--timeout)' : 'the run was interrupted', blame: 'infrastructure' };
  }
  if (isSlotcheckError(error)) {
    // A recording that could not be written (a full disk) is the machine's fault, never the bot's or the simulator's.
    const blame = OUTPUT_CODES.has(error.code) ? phase : error.code.startsWith('MODEL_') || error.code === 'REPLAY_MISS' || error.code === 'WRITE_FAILED' ? 'infrastructure' : phase;
    return { code: error.code, message: error.message, blame };
  }
  const message = error instanceof Error ? error.message : String(error);
  return phase === 'bot' ? { code: 'MODEL_CONNECTION', message, blame: 'infrastructure' } : { code: 'SIMULATOR_ERROR', message, blame: 'simulator' };
}
