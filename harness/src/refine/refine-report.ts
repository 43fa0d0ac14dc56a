import { join } from 'node:path';
import { writeFileAtomic } from '../core/files.js';
import { loadTemplate } from '../core/template.js';
import { formatRates } from '../guide/markdown.js';
import { transferTable } from '../guide/transfer-report.js';
import { describePatch } from './patch.js';
import { countsByRole } from '../model/usage.js';
import type { Attempt, ClassResult, RefineReport } from './report-schema.js';

export const REFINE_FILES = { json: 'refine.json', markdown: 'refine.md' } as const;

/** What became of a class, in words: the refine report's and the console's. */
export const STATUS_LABELS: Record<ClassResult['status'], string> = {
  fixed: 'fixed and generalised',
  'fixed-not-generalised': 'fixed, not generalised',
  'no-verified-fix': 'no verified fix',
  seeded: 'unverified seed written',
  skipped: 'skipped',
};

/** Writes refine.json and refine.md (rendered from `templates/refine-report.md.hbs`), each atomically. */
export async function writeRefineReport(outDir: string, report: RefineReport): Promise<void> {
  await writeFileAtomic(join(outDir, REFINE_FILES.json), `${JSON.stringify(report, null, 2)}\n`);
  await writeFileAtomic(join(outDir, REFINE_FILES.markdown), await renderRefineReport(report));
}

export async function renderRefineReport(report: RefineReport): Promise<string> {
  const template = await loadTemplate('refine-report.md.hbs', { noEscape: true });
  const tokens = report.usage ? Object.entries(countsByRole(report.usage)).map(([role, c]) => `${role} ${c.promptTokens} in / ${c.completionTokens} out (${c.calls} calls)`).join(' · ') : '';
  return template({ report, metaModel: report.metaModel ?? null, classes: report.classes.map(classView), tokens, transferBots: report.transferBots ?? [], transferPrompts: report.transferPrompts ?? [], transferTable: report.transfers && report.transfers.length > 0 ? transferTable(report.transfers) : '' });
}

function classView(result: ClassResult): object {
  return {
    ...result,
    label: STATUS_LABELS[result.status],
    heading: `${result.bot ? `${result.bot} · ` : ''}\`${result.failureClass}\``,
    attempts: result.attempts.map((a) => attemptView(a, result.failureClass)),
  };
}

function attemptView(attempt: Attempt, failureClass: string): object {
  const v = attempt.verification;
  const rates = v ? formatRates(failureClass, v) : '';
  return {
    ...attempt,
    rates,
    runs: v?.runs.map((r) => `\`${r}\``).join(', ') ?? '',
    surfaced: v?.surfaced?.map((s) => `${s.scenarioId} (${s.classes.map((c) => `\`${c}\``).join(', ')})`).join(', ') ?? '',
    patchText: attempt.patch ? `Rationale: ${attempt.patch.rationale}\n\n${describePatch(attempt.patch)}` : '',
    raw: (attempt.rawOutputs ?? []).map((r) => (r.length > 500 ? `${r.slice(0, 499)}…` : r)),
  };
}
