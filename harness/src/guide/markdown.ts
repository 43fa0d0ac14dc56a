import { loadTemplate } from '../core/template.js';
import { backtickFence, markdownCode, markdownText } from '../core/visible-text.js';
import type { Excerpt, Guide, PassRate, Principle, Provenance, TransferProvenance } from './schema.js';
import { describePatch } from '../refine/patch.js';
import { orderPrinciples } from './order.js';
import { summariseTransfer } from './transfer-summary.js';

/** In the order of `CATEGORY_ORDER`: structural decisions, local refinements, diagnostic practice. */
const SECTIONS = [
  { category: 'structural', heading: 'Structural: how the prompt organises the conversation' },
  { category: 'localized', heading: 'Localized: one situation, one kind of value' },
  { category: 'diagnostic', heading: 'Diagnostic: finding and testing failures' },
] as const;

/** guides/<name>.md, rendered from the guide JSON with `templates/guide.md.hbs` (a pure function of the guide). */
export async function renderGuideMarkdown(guide: Guide, jsonFile: string): Promise<string> {
  const template = await loadTemplate('guide.md.hbs', { noEscape: true });
  const ordered = orderPrinciples(guide.principles);
  const sections = SECTIONS.map((s) => ({ ...s, principles: ordered.filter((p) => p.category === s.category).map(principleView) })).filter((s) => s.principles.length > 0);
  const verified = guide.principles.filter((p) => p.status === 'verified').length;
  return template({ guide, jsonFile, sections, count: guide.principles.length, verified, seeds: guide.principles.length - verified });
}

function principleView(principle: Principle): object {
  return {
    ...principle,
    seed: principle.status === 'unverified-seed',
    classes: principle.failureClasses.map((c) => `\`${c}\``).join(', '),
    transferLine: summariseTransfer(principle)?.summary ?? '',
    provenance: principle.provenance.map(provenanceView),
  };
}

function provenanceView(entry: Provenance): object {
  const base = { headline: headline(entry), facts: facts(entry), excerpts: entry.excerpts.map(excerptView) };
  if (entry.kind === 'seed') return { ...base, metaPrompt: entry.metaPrompt, metaFence: backtickFence(entry.metaPrompt, 3) };
  if (!entry.patch) return base;
  const patch = `Rationale: ${entry.patch.rationale}\n\n${describePatch(entry.patch)}`;
  return { ...base, patch, patchFence: backtickFence(patch, 3) };
}

function headline(entry: Provenance): string {
  if (entry.kind === 'transfer') return `${entry.date.slice(0, 10)} · transfer check \`${entry.runId}\` · bot \`${entry.bot ?? '?'}\`: ${TRANSFER_LABELS[entry.status]}`;
  const origin = `${entry.date.slice(0, 10)} · run \`${entry.runId}\`${entry.bot ? ` · bot \`${entry.bot}\`` : ''}`;
  return `${origin}: \`${entry.failureClass}\` in ${entry.scenarioIds.join(', ')}`;
}

function facts(entry: Provenance): string[] {
  const version = entry.promptHash ? `prompt \`${entry.promptHash}\`` : '';
  if (entry.kind === 'seed') return [`Unverified: evidence only, no fix verified from this run yet${version ? ` (${version})` : ''}.`];
  if (entry.kind === 'transfer') return transferFacts(entry);
  const attempts = `${entry.attempts} attempt${entry.attempts > 1 ? 's' : ''}`;
  return [
    `Verified fix, proposed by \`${entry.metaModel}\` in ${attempts}; bot model \`${entry.model}\`; ${version || 'prompt'} → \`${entry.patchedPromptHash}\`.`,
    `Pass rates: ${formatRates(entry.failureClass, entry.passRates)}.`,
  ];
}

const TRANSFER_LABELS = { transferred: 'transferred', 'no-effect': 'no effect', 'not-applicable': 'not applicable', harmful: 'harmful' } as const;

function transferFacts(entry: TransferProvenance): string[] {
  const classes = entry.classes.map((c) => `\`${c}\``).join(', ');
  const scope = entry.scenarioIds.length > 0 ? `the ${entry.scenarioIds.length} scenario(s) that can show it (${entry.scenarioIds.join(', ')})` : 'no scenario of the suite (none can show it)';
  const edit = entry.patch ? `Applied by \`${entry.metaModel}\`; prompt \`${entry.promptHash ?? '?'}\` → \`${entry.patchedPromptHash ?? '?'}\`.` : `\`${entry.metaModel}\` changed nothing: the prompt (\`${entry.promptHash ?? '?'}\`) already followed it.`;
  return [
    `${entry.reason}`,
    `Free of ${classes} on ${scope}: ${rate(entry.rates.before, 'withoutClass')} → ${rate(entry.rates.after, 'withoutClass')}; whole suite passed ${rate(entry.suite.before, 'passed')} → ${rate(entry.suite.after, 'passed')} (${entry.trials} trial(s) a scenario, bot model \`${entry.model}\`).`,
    `Regressions: ${entry.regressions.length === 0 ? 'none' : entry.regressions.map((r) => `${r.scenarioId} (${r.reason})`).join('; ')}. ${edit}`,
  ];
}

function excerptView(excerpt: Excerpt): object {
  return {
    // Transcript text is escaped: guides are rendered by Markdown viewers on code hosts, which render raw HTML.
    title: `${markdownText(excerpt.conversationId)}${excerpt.scenarioId ? ` (scenario ${markdownCode(excerpt.scenarioId)})` : ''}: ${markdownText(excerpt.reason)}`,
    lines: excerpt.lines.map((l, i) => {
      const gap = i > 0 && l.index > excerpt.lines[i - 1]!.index + 1 ? '… ' : '';
      return `${gap}[${l.index}] ${l.role}: ${markdownText(l.text)}${l.index === excerpt.messageIndex ? ' ◀' : ''}`;
    }),
  };
}

/** "failing scenarios: free of `re-ask` 0/2 → 4/4, passed 0/2 → 0/4; suite: …" */
export function formatRates(cls: string, rates: { failing: BeforeAfter; suite?: BeforeAfter }): string {
  const one = (name: string, r: BeforeAfter) =>
    `${name}: free of \`${cls}\` ${rate(r.before, 'withoutClass')} → ${rate(r.after, 'withoutClass')}, passed ${rate(r.before, 'passed')} → ${rate(r.after, 'passed')}`;
  return [one('failing scenarios', rates.failing), ...(rates.suite ? [one('suite', rates.suite)] : [])].join('; ');
}

type BeforeAfter = { before: PassRate; after: PassRate };

function rate(r: PassRate, key: 'passed' | 'withoutClass'): string {
  return `${r[key]}/${r.trials}`;
}
