import * as z from 'zod';
import { DiskCache } from '../core/disk-cache.js';
import { SlotcheckError } from '../core/errors.js';
import { contentHash } from '../core/hash.js';
import { AssistantMessageSchema } from '../transcript/schema.js';
import type { ChatCallOptions, ChatModel, ChatRequest, ChatResult } from './chat-model.js';

/**
 * `read`: answer from the cache, call the endpoint on a miss and keep its
 * answer; `write`: always call, keep every answer (refreshes recordings);
 * `replay`: answer only from the cache, a miss is an error (never a live call).
 */
export type CacheMode = 'off' | 'read' | 'write' | 'replay';

/** One recorded call, as stored: the full request (it holds no secrets) and the answer. */
export const RecordedCallSchema = z.object({
  schemaVersion: z.literal(1),
  sample: z.number().int().nonnegative(),
  request: z.object({ model: z.string() }).loose(),
  result: z.object({
    message: AssistantMessageSchema,
    finishReason: z.string(),
    usage: z.object({ promptTokens: z.number(), completionTokens: z.number() }).optional(),
  }),
});
export type RecordedCall = z.infer<typeof RecordedCallSchema>;

/**
 * The cache key: a hash of everything that shapes the answer (model,
 * messages, tools, parameters) and the sample number, so trials stay
 * independent. The endpoint and credentials are not part of it: a recording
 * replays against any endpoint, and holds no secret. A prompt bot with its
 * own endpoint salts its keys with that endpoint's URL (no credentials).
 */
export function callKey(request: ChatRequest, sample: number, salt?: string): string {
  const { model, messages, tools, temperature, maxTokens, json } = request;
  return contentHash({ model, messages, tools: tools ?? [], temperature, maxTokens, json: json ?? false, sample, ...(salt ? { endpoint: salt } : {}) }, 40);
}

/** Wraps a model with the call cache in `dir` (outermost: a hit costs no limiter slot and no retry). */
export function withCallCache(model: ChatModel, mode: CacheMode, dir: string, keySalt?: string): ChatModel {
  if (mode === 'off') return model;
  const cache = new DiskCache<unknown>(dir);
  return {
    endpoint: mode === 'replay' ? `replay of ${dir}` : model.endpoint,
    async complete(request: ChatRequest, options: ChatCallOptions = {}): Promise<ChatResult> {
      const sample = options.sample ?? 0;
      const key = callKey(request, sample, keySalt);
      if (mode !== 'write') {
        const hit = RecordedCallSchema.safeParse(await cache.get(key));
        if (hit.success) return { ...hit.data.result, cached: true };
        if (mode === 'replay') throw replayMiss(request, dir);
      }
      const result = await model.complete(request, options);
      const { message, finishReason, usage } = result;
      const entry: RecordedCall = { schemaVersion: 1, sample, request: { ...request }, result: { message, finishReason, ...(usage ? { usage } : {}) } };
      await cache.set(key, entry);
      return result;
    },
  };
}

function replayMiss(request: ChatRequest, dir: string): SlotcheckError {
  return new SlotcheckError(
    'REPLAY_MISS',
    `no recorded answer in ${dir} for this ${request.model} request (turn ${request.messages.filter((m) => m.role === 'user').length}): the scenarios, prompts, model or settings changed since the recording; record again with --cache write`,
  );
}

/** A model for replay-only runs: nothing should reach it, so any call is an error. */
export function unreachableModel(reason: string): ChatModel {
  return {
    endpoint: 'none',
    complete: async () => {
      throw new SlotcheckError('REPLAY_MISS', reason);
    },
  };
}
