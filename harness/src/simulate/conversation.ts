import type { Act } from '../annotate/acts.js';
import { tagAssistant, type TaskModel } from '../annotate/offline-tagger.js';
import { partialTurnOf, type Bot } from '../bot/bot.js';
import type { CallMeter } from '../bot/driver.js';
import type { Task } from '../bot/task.js';
import { isSlotcheckError } from '../core/errors.js';
import { isFailedToolResult } from '../detect/slot-state.js';
import type { ConversationError, EndReason } from '../transcript/record.js';
import type { AssistantMessage, ChatMessage } from '../transcript/schema.js';
import type { Scenario } from '../scenario/schema.js';
import type { SimulatorView, UserSimulator, UserTurn } from './simulator.js';

/** Everything one simulated conversation needs. */
export interface ConversationSetup {
  scenario: Scenario;
  /** The bot under test, opened for this conversation (any kind: prompt, HTTP, module). */
  bot: Bot;
  /** The task it serves: which actions are consequential. */
  task: Task;
  /** Unique per conversation and run. */
  threadId: string;
  today: string;
  /** The trial number: keeps trials apart in the call cache. */
  trial: number;
  simulator: UserSimulator;
  /** Used to read the bot's messages for the simulator. */
  taskModel: TaskModel;
  maxTurns: number;
  /** Counts the bot's calls (filled in by the bot as it calls). */
  meter: CallMeter;
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
 * user has nothing more to say, or the turn budget runs out. The bot gets the
 * whole conversation, what is new since its last turn and the session it
 * returned; what it produced (text, tool calls, results of tools it ran) joins
 * the conversation. A bot or simulator error ends the conversation as an
 * error, keeping what was said.
 */
export async function simulateConversation(setup: ConversationSetup): Promise<SimulatedConversation> {
  const run: SimulatedConversation = { messages: [], userActs: {}, endReason: 'user-ended', modelCalls: 0, retries: {}, cachedCalls: 0 };
  let phase: Phase = 'simulator';
  try {
    let turn: UserTurn | null = await setup.simulator.open({ signal: setup.signal });
    let userTurns = 0;
    let actionDone = false;
    const bot = { heard: 0, session: undefined as unknown };
    while (turn) {
      run.userActs[String(run.messages.length)] = turn.acts;
      run.messages.push({ role: 'user', content: turn.content });
      userTurns += 1;
      phase = 'bot';
      const reply = await botReply(setup, run, bot);
      actionDone ||= reply.actedConsequentially;
      if (userTurns >= setup.maxTurns && !actionDone) {
        run.endReason = 'turn-budget';
        return withCalls(run, setup.meter);
      }
      phase = 'simulator';
      turn = await setup.simulator.respond(lazyView(run.messages, reply.replies, actionDone, setup.taskModel), { signal: setup.signal });
      if (!turn) run.endReason = actionDone ? 'action-done' : 'user-ended';
    }
    return withCalls(run, setup.meter);
  } catch (error) {
    // A turn that failed after the bot had acted (a model error after a tool round) keeps what it did.
    run.messages.push(...partialTurnOf(error));
    return withCalls({ ...run, endReason: 'error', error: toConversationError(error, phase, setup.signal) }, setup.meter);
  }
}

function withCalls(run: SimulatedConversation, meter: CallMeter): SimulatedConversation {
  return { ...run, modelCalls: meter.calls, retries: { ...meter.retries }, cachedCalls: meter.cached };
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

/** One turn of the bot: what it produced joins the conversation; its session is kept for the next turn. */
async function botReply(setup: ConversationSetup, run: SimulatedConversation, bot: { heard: number; session: unknown }) {
  const turn = await setup.bot.respond({
    threadId: setup.threadId,
    messages: run.messages.slice(),
    newMessages: run.messages.slice(bot.heard),
    scenario: { id: setup.scenario.id, today: setup.today, trial: setup.trial },
    ...(bot.session !== undefined ? { session: bot.session } : {}),
    ...(setup.signal ? { signal: setup.signal } : {}),
  });
  run.messages.push(...turn.messages);
  bot.heard = run.messages.length;
  bot.session = turn.session;
  const replies = turn.messages.filter((m): m is AssistantMessage => m.role === 'assistant');
  return { replies, actedConsequentially: actedConsequentially(turn.messages, setup.task) };
}

/** A consequential call whose result, when the turn holds it, is not a failure: a failed booking leaves the user waiting for another try. */
function actedConsequentially(messages: readonly ChatMessage[], task: Task): boolean {
  const calls = messages.flatMap((m) => (m.role === 'assistant' ? (m.tool_calls ?? []) : []));
  if (calls.length === 0) return false;
  const failed = (id: string) => messages.some((m) => m.role === 'tool' && m.tool_call_id === id && isFailedToolResult(m.content));
  return calls.some((call) => task.actions.some((a) => a.consequential && a.name === call.function.name) && !failed(call.id));
}

type Phase = 'bot' | 'simulator';

/** Output the model could not give in a usable form: the fault of whoever's turn it was. */
const OUTPUT_CODES = new Set(['MODEL_OUTPUT_INVALID', 'MODEL_REFUSED']);

/**
 * Trouble that is nobody's turn, besides a model's (every MODEL_ code but
 * OUTPUT_CODES): an HTTP or module bot that cannot be reached, fails, or
 * answers in a shape that is not a turn; a missing recording; a recording
 * that could not be written (a full disk).
 */
const INFRASTRUCTURE_CODES = new Set(['BOT_UNREACHABLE', 'BOT_TIMEOUT', 'BOT_HTTP_STATUS', 'BOT_REPLY_INVALID', 'BOT_MODULE_FAILED', 'REPLAY_MISS', 'WRITE_FAILED']);

/**
 * Blame: a time-out, an interruption, transport and endpoint trouble (a
 * model's, an HTTP or module bot's) are the infrastructure's; a model's
 * unusable output is the bot's or the simulator's, whichever was speaking;
 * anything else thrown while the simulator plays is the simulator's.
 */
function toConversationError(error: unknown, phase: Phase, signal: AbortSignal | undefined): ConversationError {
  if (signal?.aborted) {
    const reason: unknown = signal.reason;
    const timedOut = reason instanceof Error && reason.name === 'TimeoutError';
    return { code: timedOut ? 'CONVERSATION_TIMEOUT' : 'ABORTED', message: timedOut ? 'the conversation ran past its time-out (--timeout)' : 'the run was interrupted', blame: 'infrastructure' };
  }
  if (isSlotcheckError(error)) {
    const infrastructure = !OUTPUT_CODES.has(error.code) && (error.code.startsWith('MODEL_') || INFRASTRUCTURE_CODES.has(error.code));
    return { code: error.code, message: error.message, blame: infrastructure ? 'infrastructure' : phase };
  }
  const message = error instanceof Error ? error.message : String(error);
  return phase === 'bot' ? { code: 'MODEL_CONNECTION', message, blame: 'infrastructure' } : { code: 'SIMULATOR_ERROR', message, blame: 'simulator' };
}
