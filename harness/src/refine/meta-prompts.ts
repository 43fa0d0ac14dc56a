import type { z } from 'zod';
import { isSlotcheckError } from '../core/errors.js';
import { redact } from '../core/redact.js';
import { loadTemplate } from '../core/template.js';
import type { FailureClass } from '../detect/failure.js';
import { DETECTORS } from '../detect/registry.js';
import type { ChatModel } from '../model/chat-model.js';
import { completeStructured } from '../model/structured.js';
import type { Excerpt } from '../guide/schema.js';
import { CLASS_FALLBACK_DEFINITIONS } from './seeds.js';

type Render = (context: object) => string;

/** The meta-prompt templates of `harness/templates/`, compiled once per refine (noEscape: they are prompts, not HTML). */
export interface MetaPrompts {
  fix: Render;
  principle: Render;
  judge: Render;
  check: Render;
  /** Revise a prompt to follow principles (`guide apply`, and each transfer check). */
  apply: Render;
  /** Contradictions between a guide's principles (`guide check`). */
  health: Render;
}

export async function loadMetaPrompts(): Promise<MetaPrompts> {
  const load = (name: string) => loadTemplate(name, { noEscape: true });
  const names = ['refine-fix.hbs', 'refine-principle.hbs', 'refine-judge.hbs', 'guide-check.hbs', 'guide-apply.hbs', 'guide-health.hbs'];
  const [fix, principle, judge, check, apply, health] = (await Promise.all(names.map(load))) as [Render, Render, Render, Render, Render, Render];
  return { fix, principle, judge, check, apply, health };
}

/** What a meta-prompt says about a failure class: the detector's own definition when it has one. */
export function classContext(cls: FailureClass): { id: FailureClass; title: string; definition: string } {
  const detector = DETECTORS[cls];
  return { id: cls, title: detector?.title ?? CLASS_FALLBACK_DEFINITIONS[cls], definition: detector?.definition ?? CLASS_FALLBACK_DEFINITIONS[cls] };
}

/** Excerpt lines with the flagged one marked, as the templates show them. */
export function excerptView(excerpts: readonly Excerpt[]): object[] {
  return excerpts.map((e) => ({ ...e, lines: e.lines.map((l) => ({ ...l, flagged: l.index === e.messageIndex })) }));
}

/** How a structured meta-prompt call ended: a value, or why not, with every raw answer kept. */
export type AskResult<T> =
  | { ok: true; value: T; raw: string[] }
  | { ok: false; outcome: 'invalid-output' | 'refused' | 'api-error'; problem: string; raw: string[] };

/** Sends one meta-prompt and validates the JSON answer; model errors become values, so a refine goes on. */
export async function askStructured<S extends z.ZodType>(
  model: ChatModel,
  request: { modelName: string; prompt: string; schema: S; secrets: readonly string[]; signal?: AbortSignal },
): Promise<AskResult<z.infer<S>>> {
  const raw: string[] = [];
  const recording: ChatModel = {
    endpoint: model.endpoint,
    async complete(req, options) {
      const result = await model.complete(req, options);
      raw.push(result.message.content ?? '');
      return result;
    },
  };
  try {
    const result = await completeStructured(recording, { model: request.modelName, messages: [{ role: 'user', content: request.prompt }], temperature: 0 }, request.schema, { role: 'meta', ...(request.signal ? { signal: request.signal } : {}) });
    return { ok: true, value: result.value, raw };
  } catch (error) {
    if (!isSlotcheckError(error)) throw error;
    const outcome = error.code === 'MODEL_OUTPUT_INVALID' ? 'invalid-output' : error.code === 'MODEL_REFUSED' ? 'refused' : 'api-error';
    return { ok: false, outcome, problem: redact(`${error.code}: ${error.message}`, request.secrets), raw: raw.map((r) => redact(r, request.secrets)) };
  }
}
