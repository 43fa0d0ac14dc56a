import OpenAI from 'openai';
import { SlotcheckError } from '../core/errors.js';
import { AssistantMessageSchema, toolArguments, type ChatMessage } from '../transcript/schema.js';
import type { ChatCallOptions, ChatModel, ChatRequest, ChatResult } from './chat-model.js';
import { mapModelError } from './map-error.js';
import { redactError, redactJson } from './redact-json.js';
import { createNodeFetch } from './node-fetch.js';
import { endpointSecrets } from '../config.js';
import { describeEndpoint } from './endpoint.js';

export { describeEndpoint } from './endpoint.js';

/** How to reach an OpenAI-compatible endpoint. */
export interface EndpointConfig {
  /** e.g. http://localhost:11434/v1 for Ollama; undefined means api.openai.com. A query (`?api-key=…`) is sent with every request. */
  baseURL?: string;
  apiKey: string;
  /** Extra headers for every request (gateway keys, routing). */
  headers?: Record<string, string>;
  /** Per-call time-out in milliseconds. */
  timeoutMs: number;
  /** The SDK's own retries; slotcheck sets 0 and retries in `withRetries`, where attempts are counted. */
  maxRetries: number;
  /** Injected for tests that need to observe or break the transport. */
  fetch?: typeof fetch;
}

/** A ChatModel over the openai SDK: OpenAI, Azure-compatible gateways, Ollama, vLLM, llama.cpp. */
export function createOpenAIChatModel(config: EndpointConfig): ChatModel {
  const { baseURL, query } = splitQuery(config.baseURL);
  const client = new OpenAI({
    apiKey: config.apiKey,
    baseURL,
    // The SDK appends paths to the base URL: a query left in it would swallow them.
    ...(query ? { defaultQuery: query } : {}),
    ...(config.headers ? { defaultHeaders: config.headers } : {}),
    timeout: config.timeoutMs,
    maxRetries: config.maxRetries,
    fetch: config.fetch ?? createNodeFetch(),
    // No SDK logging: it would read OPENAI_LOG from the environment and could print request bodies.
    logLevel: 'off',
  });
  const secrets = endpointSecrets({ apiKey: config.apiKey, ...(config.baseURL ? { baseURL: config.baseURL } : {}), ...(config.headers ? { headers: config.headers } : {}) });
  return {
    endpoint: describeEndpoint(config.baseURL),
    async complete(request: ChatRequest, options: ChatCallOptions = {}): Promise<ChatResult> {
      let completion: OpenAI.Chat.Completions.ChatCompletion;
      const call = callSignal(options.signal);
      try {
        completion = await client.chat.completions.create(toBody(request), { signal: call.signal });
      } catch (error) {
        throw mapModelError(error, secrets);
      } finally {
        call.release();
      }
      try {
        const result = fromCompletion(completion);
        // An endpoint that echoes the key back must not get it into a transcript.
        return { ...result, message: redactJson(result.message, secrets) };
      } catch (error) {
        // Unusable output is quoted in the error: an echoing endpoint's quote must not carry a secret.
        throw redactError(error, secrets);
      }
    },
  };
}

/**
 * A signal of this call alone, aborted with the caller's. The SDK adds an abort
 * listener to the signal it is given and never removes it (openai-node #1811);
 * given a conversation's or a run's signal, that is one more listener per call
 * for as long as the signal lives. Given this one, the listener goes with the
 * call, and ours on the caller's signal is removed when the call is over.
 */
function callSignal(caller: AbortSignal | undefined): { signal?: AbortSignal; release(): void } {
  if (!caller) return { release: () => undefined };
  const controller = new AbortController();
  const forward = () => controller.abort(caller.reason);
  if (caller.aborted) forward();
  else caller.addEventListener('abort', forward, { once: true });
  return { signal: controller.signal, release: () => caller.removeEventListener('abort', forward) };
}

function splitQuery(baseURL: string | undefined): { baseURL?: string; query?: Record<string, string> } {
  if (!baseURL || !baseURL.includes('?')) return baseURL ? { baseURL } : {};
  const url = new URL(baseURL);
  const query = Object.fromEntries(url.searchParams);
  url.search = '';
  return { baseURL: url.toString(), query };
}

function toBody(request: ChatRequest): OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming {
  return {
    model: request.model,
    messages: request.messages.map(toSdkMessage),
    ...(request.tools && request.tools.length > 0 ? { tools: request.tools } : {}),
    ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
    ...(request.maxTokens !== undefined ? { max_tokens: request.maxTokens } : {}),
    ...(request.json ? { response_format: { type: 'json_object' as const } } : {}),
  };
}

function toSdkMessage(message: ChatMessage): OpenAI.Chat.Completions.ChatCompletionMessageParam {
  if (message.role === 'assistant') {
    return message.tool_calls && message.tool_calls.length > 0
      ? { role: 'assistant', content: message.content, tool_calls: message.tool_calls }
      : { role: 'assistant', content: message.content ?? '' };
  }
  return message;
}

function fromCompletion(completion: OpenAI.Chat.Completions.ChatCompletion): ChatResult {
  const choice = completion.choices?.[0];
  if (!choice?.message) throw new SlotcheckError('MODEL_OUTPUT_INVALID', 'the model returned no choice');
  if (choice.finish_reason === 'content_filter') throw new SlotcheckError('MODEL_REFUSED', 'the endpoint filtered the reply (finish_reason content_filter)');
  const raw = choice.message;
  const toolCalls = (raw.tool_calls ?? []).flatMap((call) =>
    call.type === 'function' ? [{ id: call.id, type: 'function' as const, function: { name: call.function.name, arguments: call.function.arguments ?? '' } }] : [],
  );
  const parsed = AssistantMessageSchema.safeParse({
    role: 'assistant',
    content: raw.content ?? (raw.refusal ? raw.refusal : null),
    ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
  });
  if (!parsed.success) throw new SlotcheckError('MODEL_OUTPUT_INVALID', `the model's message is not a chat message: ${parsed.error.issues[0]?.message}`);
  if (!parsed.data.content && !parsed.data.tool_calls) throw new SlotcheckError('MODEL_OUTPUT_INVALID', 'the model returned an empty message');
  const broken = parsed.data.tool_calls?.find((call) => !toolArguments(call));
  if (broken) throw new SlotcheckError('MODEL_OUTPUT_INVALID', `the arguments of tool call "${broken.function.name}" are not a JSON object: ${broken.function.arguments.slice(0, 80)}`);
  return {
    message: parsed.data,
    finishReason: choice.finish_reason ?? 'stop',
    ...(completion.usage ? { usage: { promptTokens: completion.usage.prompt_tokens, completionTokens: completion.usage.completion_tokens } } : {}),
  };
}

