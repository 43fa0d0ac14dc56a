import { loadTemplate } from '../core/template.js';
import { markdownCode, markdownText } from '../core/visible-text.js';
import type { Excerpt, Guide, PassRate, Principle, Provenance } from './schema.js';
import { describePatch } from '../refine/patch.js';

const SECTIONS = [
  { category: 'structural', heading: 'Structural: how the prompt organises the conversation' },
  { category: 'localized', heading: 'Localized: one situation, one kind of value' },
  { category: 'diagnostic', heading: 'Diagnostic: finding and testing failures' },
] as const;

/** guides/<name>.md, rendered from the guide JSON with `templates/guide.md.hbs` (a pure function of the guide). */
export async function renderGuideMarkdown(guide: Guide, jsonFile: string): Promise<string> {
  const template = await loadTemplate('guide.md.hbs', { noEscape: true });
  const sections = SECTIONS.map((s) => ({ ...s, principles: guide.principles.filter((p) => p.category === s.category).map(principleView) })).filter((s) => s.principles.length > 0);
  const verified = guide.principles.filter((p) => p.status === 'verified').length;
  return template({ guide, jsonFile, sections, count: guide.principles.length, verified, seeds: guide.principles.length - verified });
}

function principleView(principle: Principle): object {
  return {
    ...principle,
    seed: principle.status === 'unverified-seed',
    classes: principle.failureClasses.map((c) => `\`${c}\``).join(', '),
    provenance: principle.provenance.map(provenanceView),
  };
}

function provenanceView(entry: Provenance): object {
  const base = { headline: headline(entry), facts: facts(entry), excerpts: entry.excerpts.map(excerptView) };
  if (entry.kind === 'seed') return { ...base, metaPrompt: entry.metaPrompt, metaFence: fenceFor(entry.metaPrompt) };
  const patch = `Rationale: ${entry.patch.rationale}\n\n${describePatch(entry.patch)}`;
  return { ...base, patch, patchFence: fenceFor(patch) };
}

function headline(entry: Provenance): string {
  const origin = `${entry.date.slice(0, 10)} · run \`${entry.runId}\`${entry.bot ? ` · bot \`${entry.bot}\`` : ''}`;
  return `${origin}: \`${entry.failureClass}\` in ${entry.scenarioIds.join(', ')}`;
}

function facts(entry: Provenance): string[] {
  const version = entry.promptHash ? `prompt \`${entry.promptHash}\`` : '';
  if (entry.kind === 'seed') return [`Unverified: evidence only, no fix verified from this run yet${version ? ` (${version})` : ''}.`];
  const attempts = `${entry.attempts} attempt${entry.attempts > 1 ? 's' : ''}`;
  return [
    `Verified fix, proposed by \`${entry.metaModel}\` in ${attempts}; bot model \`${entry.model}\`; ${version || 'prompt'} → \`${entry.patchedPromptHash}\`.`,
    `Pass rates: ${formatRates(entry.failureClass, entry.passRates)}.`,
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

/** A code fence longer than any run of backticks inside the block. */
function fenceFor(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}
