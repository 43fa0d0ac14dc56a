import type { Bot } from '../bot/schema.js';
import type { Scenario, ToolOutcome } from '../scenario/schema.js';
import { toolArguments, type AssistantMessage, type ChatMessage } from '../transcript/schema.js';

/** A simulated tool's answer to one call, and whether the call did what it was asked. */
export interface SimulatedToolResult {
  message: ChatMessage;
  ok: boolean;
}

/**
 * Simulated tools for one conversation. A call of an action returns the
 * scenario's `toolResults`, else the bot's, else `{"status":"ok"}`; the
 * scenario's `toolOutcomes` can make successive calls fail first (`[fail,
 * ok]`: the first call fails, a retry succeeds; the last outcome repeats).
 * An unknown tool or arguments that are not a JSON object fail too.
 */
export function createSimulatedTools(scenario: Pick<Scenario, 'toolResults' | 'toolOutcomes'>, bot: Pick<Bot, 'task' | 'settings'>) {
  const calls = new Map<string, number>();
  const outcomeOf = (action: string): ToolOutcome => {
    const n = calls.get(action) ?? 0;
    calls.set(action, n + 1);
    const outcomes = scenario.toolOutcomes[action];
    return outcomes ? (outcomes[Math.min(n, outcomes.length - 1)] ?? 'ok') : 'ok';
  };
  return {
    /** The results of every call of a bot message, in order. */
    answer(message: AssistantMessage): SimulatedToolResult[] {
      return (message.tool_calls ?? []).map((call) => {
        const name = call.function.name;
        const problem = !bot.task.actions.some((a) => a.name === name)
          ? { error: `unknown tool "${name}"` }
          : toolArguments(call) === undefined
            ? { error: 'arguments are not a valid JSON object' }
            : outcomeOf(name) === 'fail' ? failure(name) : undefined;
        const result = problem ?? scenario.toolResults[name] ?? bot.settings.toolResults[name] ?? { status: 'ok' };
        return { message: { role: 'tool' as const, tool_call_id: call.id, content: JSON.stringify(result) }, ok: problem === undefined };
      });
    },
  };
}

/** What a failed call returns: plainly an error, so bots and detectors read it as one. */
function failure(action: string): { status: string; error: string } {
  return { status: 'failed', error: `${action} failed: the service is unavailable right now and nothing was done; you may try again` };
}

/** How many simulated calls have failed so far in these messages (a user gives up after a retry that failed too). */
export function failedCalls(messages: readonly ChatMessage[]): number {
  return messages.filter((m) => m.role === 'tool' && isFailure(m.content)).length;
}

function isFailure(content: string): boolean {
  try {
    const parsed = JSON.parse(content) as unknown;
    return typeof parsed === 'object' && parsed !== null && 'error' in parsed;
  } catch {
    return false;
  }
}
