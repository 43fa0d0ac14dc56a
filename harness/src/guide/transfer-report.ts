import { join } from 'node:path';
import { writeFileAtomic } from '../core/files.js';
import { loadTemplate } from '../core/template.js';
import type { PassRate } from './schema.js';
import type { TransferReport, TransferResult } from './transfer-schema.js';

export const TRANSFER_FILES = { json: 'transfer.json', markdown: 'transfer.md' } as const;

const LABELS: Record<TransferResult['status'], string> = {
  transferred: 'transferred', 'no-effect': 'no effect', 'not-applicable': 'not applicable', harmful: '**harmful**', inconclusive: 'inconclusive', skipped: 'skipped',
};

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
const change = (key: keyof PassRate, r: { before: PassRate; after: PassRate }) => `${r.before[key]}/${r.before.trials} → ${r.after[key]}/${r.after.trials}`;

/**
 * The results as a Markdown table (principle, bot, status, conversations free of the principle's
 * classes on the scenarios that can show them, suite passes, regressions) and, below it, the
 * reason for each; for transfer.md and refine.md.
 */
export function transferTable(results: readonly TransferResult[]): string {
  const rows = results.map((r) => {
    const e = r.entry;
    const classes = e ? e.classes.map((c) => `\`${c}\``).join(', ') : '';
    return `| ${cell(r.title)} | \`${r.bot}\` | ${LABELS[r.status]} | ${e ? `${classes}: ${change('withoutClass', e.rates)}` : '–'} | ${e ? change('passed', e.suite) : '–'} | ${e ? e.regressions.length : '–'} |`;
  });
  const reasons = results.map((r) => `- \`${r.principleId}\` → \`${r.bot}\`: ${LABELS[r.status]}. ${r.reason}${r.entry ? ` Runs: ${r.entry.runs.map((d) => `\`${d}\``).join(', ')}.` : ''}`);
  return ['| principle | bot | status | free of its classes | suite passed | regressions |', '| --- | --- | --- | --- | --- | ---: |', ...rows, '', ...reasons].join('\n');
}

/** Writes transfer.json and transfer.md (rendered from `templates/transfer-report.md.hbs`), each atomically. */
export async function writeTransferReport(outDir: string, report: TransferReport): Promise<void> {
  const template = await loadTemplate('transfer-report.md.hbs', { noEscape: true });
  await writeFileAtomic(join(outDir, TRANSFER_FILES.json), `${JSON.stringify(report, null, 2)}\n`);
  await writeFileAtomic(join(outDir, TRANSFER_FILES.markdown), template({ report, table: transferTable(report.results) }));
}
