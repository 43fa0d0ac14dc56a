import { redact } from '../core/redact.js';
import type { ChatModel } from '../model/chat-model.js';
import { redactError, redactJson } from '../model/redact-json.js';
import type { ChatMessage } from '../transcript/schema.js';
import { withPartialTurn, type Bot, type BotTurn } from './bot.js';
import { countCall, type BotConversation, type BotDriver } from './driver.js';
import type { PromptBotDefinition } from './schema.js';
import { toolResponder } from './tool-mocks.js';
import { toolsForTask, type FunctionTool } from './tools.js';

/**
 * A prompt bot for a run: per conversation, its system prompt (rendered for
 * the conversation's date) and its tools (the scenario's mocks and results
 * before the bot's). A turn is one model call, plus one more per tool round
 * while the model keeps calling tools (at most `maxToolRounds`, default 3);
 * the simulated tool results are part of the turn.
 */
export function connectPromptBot(definition: PromptBotDefinition, endpointModel: ChatModel, modelName: string, options: { maxToolRounds?: number } = {}): BotDriver {
  const tools = toolsForTask(definition.task);
  const model = definition.secrets.length > 0 ? redacting(endpointModel, definition.secrets) : endpointModel;
  return {
    definition,
    modelName,
    endpoint: model.endpoint,
    open: (conversation) => openPromptConversation(definition, model, modelName, tools, conversation, options.maxToolRounds ?? 3),
    close: async () => undefined,
  };
}

function openPromptConversation(definition: PromptBotDefinition, model: ChatModel, modelName: string, tools: FunctionTool[], conversation: BotConversation, maxToolRounds: number): Bot {
  const { settings } = definition;
  const system: ChatMessage = { role: 'system', content: definition.renderPrompt({ today: conversation.today }) };
  const runTool = toolResponder(definition.task, [
    { mocks: conversation.scenario.toolMocks, results: conversation.scenario.toolResults },
    { mocks: settings.toolMocks, results: settings.toolResults },
  ]);
  return {
    async respond(input): Promise<BotTurn> {
      const produced: BotTurn['messages'] = [];
      try {
        for (let round = 0; round <= maxToolRounds; round += 1) {
          const result = await model.complete(
            { model: modelName, messages: [system, ...input.messages, ...produced], tools, temperature: settings.temperature, ...(settings.maxTokens ? { maxTokens: settings.maxTokens } : {}) },
            { ...conversation.nextCall(), role: 'bot', sample: conversation.trial, ...(input.signal ? { signal: input.signal } : {}) },
          );
          countCall(conversation.meter, result);
          conversation.usage?.record('bot', modelName, result);
          produced.push(result.message);
          const calls = result.message.tool_calls ?? [];
          if (calls.length === 0) break;
          for (const call of calls) produced.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify(runTool(call)) });
        }
      } catch (error) {
        throw withPartialTurn(error, produced);
      }
      return { messages: produced };
    },
  };
}

/**
 * A bot's own endpoint may hold a secret beyond its key (a `${VAR}` in the
 * path of its baseURL): the endpoint's description, its errors and what it
 * answers are redacted of the bot's secrets too.
 */
function redacting(model: ChatModel, secrets: readonly string[]): ChatModel {
  return {
    endpoint: redact(model.endpoint, secrets),
    async complete(request, options) {
      let result: Awaited<ReturnType<ChatModel['complete']>>;
      try {
        result = await model.complete(request, options);
      } catch (error) {
        throw redactError(error, secrets);
      }
      return { ...result, message: redactJson(result.message, secrets) };
    },
  };
}
