import type { FunctionTool } from '../bot/tools.js';
import { toolArguments, type ChatMessage } from '../transcript/schema.js';
import { SCRIPTED_BOTS } from './scripted-bots.js';

/** A tool the agent runs itself: name, arguments and the call's number in the conversation (from 1). */
export type AgentTool = (name: string, args: Record<string, unknown>, n: number) => unknown;

/**
 * One turn of a scripted policy played as an agent that runs its own tools:
 * its message; for each tool call, the tool's result; then its next message,
 * until it answers with text or `rounds` tool rounds are spent. Returns what
 * it produced, as an HTTP or module bot reports it.
 */
export async function runAgentTurn(policy: string, history: readonly ChatMessage[], tools: FunctionTool[], tool: (name: string, args: Record<string, unknown>) => unknown, rounds = 3): Promise<ChatMessage[]> {
  const responder = SCRIPTED_BOTS[policy];
  if (!responder) throw new Error(`unknown policy "${policy}" (known: ${Object.keys(SCRIPTED_BOTS).join(', ')})`);
  const produced: ChatMessage[] = [];
  for (let round = 0, n = 1; round <= rounds; round += 1) {
    const reply = await responder({ model: policy, messages: [...history, ...produced], tools }, { requestNumber: n++ });
    if ('status' in reply) throw new Error(`policy ${policy} answered with an error ${reply.status}`);
    produced.push(reply.message);
    const calls = reply.message.tool_calls ?? [];
    if (calls.length === 0) break;
    for (const call of calls) produced.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify(tool(call.function.name, toolArguments(call) ?? {})) });
  }
  return produced;
}
