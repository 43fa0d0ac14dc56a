import type { FunctionTool } from '../bot/tools.js';
import type { AssistantMessage, ChatMessage } from '../transcript/schema.js';
import type { UsageRole } from './usage.js';

/** A chat-completions request, provider-neutral. */
export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  tools?: FunctionTool[];
  temperature?: number;
  maxTokens?: number;
  /** Ask for a JSON object (used by meta-prompts: tagger, simulator, refine). */
  json?: boolean;
}

export interface ChatUsage {
  promptTokens: number;
  completionTokens: number;
}

export interface ChatResult {
  message: AssistantMessage;
  finishReason: string;
  usage?: ChatUsage;
  /** Codes of the failed attempts retried before this answer (set by the retry policy). */
  retried?: string[];
  /** The answer came from the call cache, not the endpoint. */
  cached?: boolean;
}

export interface ChatCallOptions {
  signal?: AbortSignal;
  /**
   * Which independent sample of an identical request this is (the trial
   * number). Part of the call-cache key, so trials never share answers.
   */
  sample?: number;
  /** Among calls waiting for a slot of the endpoint, higher goes first (default 0). */
  priority?: number;
  /** Told when the call starts waiting for a slot of the endpoint (true) and when it gets one (false). */
  onQueue?: (queued: boolean) => void;
  /** Whose call this is, for token accounting (`bot` when absent). */
  role?: UsageRole;
}

/** The one seam between slotcheck and a model. */
export interface ChatModel {
  /** Describes the endpoint for reports; never contains secrets. */
  readonly endpoint: string;
  complete(request: ChatRequest, options?: ChatCallOptions): Promise<ChatResult>;
}
