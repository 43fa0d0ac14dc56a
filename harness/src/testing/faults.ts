import { seededRandom } from '../core/random.js';
/** The faults the fake server can inject, each a share (0–1) of chat requests. */
export interface FaultOptions {
  /** HTTP 429 with Retry-After (`retryAfterMs`). */
  rateLimited?: number;
  /** HTTP 500. */
  serverError?: number;
  /** The connection is destroyed without an answer. */
  reset?: number;
  /** No answer at all (until the client gives up or the server closes). */
  hang?: number;
  /** A tool call whose arguments are not valid JSON. */
  malformedToolCall?: number;
  /** A completion with no choice. */
  emptyChoice?: number;
  /** finish_reason `content_filter` and no content. */
  contentFilter?: number;
  /** What 429 answers ask for (default 20 ms). */
  retryAfterMs?: number;
  /** Seed of the fault draws, so a run's fault pattern repeats. */
  seed?: number;
}

export type FaultKind = 'rateLimited' | 'serverError' | 'reset' | 'hang' | 'malformedToolCall' | 'emptyChoice' | 'contentFilter';

export const FAULT_KINDS: readonly FaultKind[] = ['rateLimited', 'serverError', 'reset', 'hang', 'malformedToolCall', 'emptyChoice', 'contentFilter'];

/** Draws, per request, which fault (if any) to inject: one uniform draw against the cumulative shares. */
export function createFaultPicker(options: FaultOptions): () => FaultKind | undefined {
  const random = seededRandom(options.seed ?? 1);
  const total = FAULT_KINDS.reduce((sum, kind) => sum + (options[kind] ?? 0), 0);
  if (total > 1) throw new Error(`fault shares add up to ${total}; at most 1`);
  return () => {
    if (total === 0) return undefined;
    let u = random();
    for (const kind of FAULT_KINDS) {
      u -= options[kind] ?? 0;
      if (u < 0) return kind;
    }
    return undefined;
  };
}

/** Parses `rateLimited=0.05,reset=0.02,retryAfterMs=20` (the serve command's --faults). */
export function parseFaults(text: string): FaultOptions {
  const options: Record<string, number> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [key, value] = part.split('=');
    const n = Number(value);
    if (!key || !Number.isFinite(n) || !(FAULT_KINDS.includes(key as FaultKind) || key === 'retryAfterMs' || key === 'seed')) throw new Error(`bad fault "${part}" (known: ${FAULT_KINDS.join(', ')}, retryAfterMs, seed)`);
    options[key] = n;
  }
  return options;
}
