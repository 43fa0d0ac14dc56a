import type { Task } from '../bot/task.js';
import type { ChatModel } from '../model/chat-model.js';
import { askStructured, type AskResult, type MetaPrompts } from '../refine/meta-prompts.js';
import type { PromptPatch } from '../refine/patch.js';
import { applyAnswerSchema, revisePrompt } from './apply-answer.js';
import type { ImplementedPrinciple } from './apply-schema.js';
import { orderPrinciples } from './order.js';
import { quoteLine } from './quotes.js';
import type { Guide, Principle } from './schema.js';

/** The bot a prompt belongs to, when known: the meta-prompt names its task, slots and tool. */
export interface BotContext {
  name: string;
  description: string;
  task: Task;
}

/** What to apply to which prompt. */
export interface ApplyRequest {
  guide: Pick<Guide, 'title'>;
  principles: readonly Principle[];
  promptSource: string;
  bot?: BotContext;
  /** A transfer check: one principle, and the suite is run afterwards (the meta-prompt says so). */
  transfer?: boolean;
  /** Throws when the revised prompt is not a valid template. */
  validate: (text: string) => void;
}

/** The model side: who answers the meta-prompt. */
export interface ApplyEnv {
  model: ChatModel;
  metaModelName: string;
  prompts: MetaPrompts;
  secrets: readonly string[];
  signal?: AbortSignal;
}

/** The revised prompt; `patch` is absent when it already followed every principle. */
export interface AppliedPrinciples {
  revised: string;
  patch?: PromptPatch;
  principles: ImplementedPrinciple[];
}

/** The guide-apply meta-prompt, exactly as sent (offline, it is printed instead). */
export function renderApplyPrompt(prompts: MetaPrompts, request: Omit<ApplyRequest, 'validate'>): string {
  const principles = orderPrinciples(request.principles).map(({ id, title, statement, howToApply, antiPattern, failureClasses }) => ({ id, title, statement, howToApply, antiPattern, failureClasses }));
  return prompts.apply({ guide: request.guide, principles, prompt: request.promptSource.trimEnd(), transfer: Boolean(request.transfer), bot: request.bot ? botView(request.bot) : false });
}

function botView(bot: BotContext): object {
  return {
    name: bot.name,
    description: bot.description,
    task: bot.task.description || bot.task.name,
    slots: bot.task.slots.map((s) => (s.description ? `${s.name} (${s.description})` : s.name)),
    actions: bot.task.actions.map((a) => `${a.name}${a.consequential ? ' (changes the world: needs the user\'s go-ahead)' : ''}`),
  };
}

/** Asks the model to revise the prompt; the answer is validated against the prompt (edits apply, quotes found) with one retry. */
export async function applyPrinciples(request: ApplyRequest, env: ApplyEnv): Promise<AskResult<AppliedPrinciples>> {
  const ids = request.principles.map((p) => p.id);
  const schema = applyAnswerSchema(request.promptSource, ids, request.validate);
  const prompt = renderApplyPrompt(env.prompts, request);
  const answer = await askStructured(env.model, { modelName: env.metaModelName, prompt, schema, secrets: env.secrets, ...(env.signal ? { signal: env.signal } : {}) });
  if (!answer.ok) return answer;
  const { rationale, edits } = answer.value;
  const revised = revisePrompt(request.promptSource, answer.value, request.validate);
  // The schema already applied the same edits to the same prompt.
  if (!revised.ok) throw new Error(`unreachable: ${revised.problem}`);
  const principles = orderPrinciples(request.principles).map((p) => ({
    principleId: p.id,
    title: p.title,
    status: p.status,
    // A line quoted twice (it states two rules of the principle) is recorded once.
    lines: [...new Set(answer.value.implements.find((i) => i.principleId === p.id)!.lines)].map((text) => ({ line: quoteLine(revised.text, text)!, text })),
  }));
  return { ok: true, raw: answer.raw, value: { revised: revised.text, ...(edits.length > 0 ? { patch: { rationale, edits } } : {}), principles } };
}
