import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { writeFileAtomic } from '../core/files.js';
import { showControlCharacters } from '../core/visible-text.js';
import type { Failure } from '../detect/failure.js';
import type { ReportContext, Reporter } from './reporter.js';

/** The columns of failures.csv, in order. */
export const FAILURE_CSV_COLUMNS = [
  'run_id', 'conversation_id', 'scenario', 'trial', 'bot', 'model', 'prompt_hash',
  'class', 'message_index', 'slot', 'reason', 'quote', 'related_message_index', 'related_quote',
] as const;
type Column = (typeof FAILURE_CSV_COLUMNS)[number];
export type FailureRow = Record<Column, string | number>;

/** What a failure row adds from its conversation. */
export interface ConversationInfo {
  bot?: string;
  model?: string;
  promptHash?: string;
}

export function failureRow(runId: string, failure: Failure, info: ConversationInfo = {}): FailureRow {
  return {
    run_id: runId,
    conversation_id: failure.conversationId,
    scenario: failure.scenarioId ?? '',
    trial: failure.trial ?? '',
    bot: info.bot ?? '',
    model: info.model ?? '',
    prompt_hash: info.promptHash ?? '',
    class: failure.class,
    message_index: failure.messageIndex,
    slot: failure.slot ?? '',
    reason: failure.evidence.reason,
    quote: failure.evidence.quote,
    related_message_index: failure.evidence.relatedMessageIndex ?? '',
    related_quote: failure.evidence.relatedQuote ?? '',
  };
}

/**
 * failures.csv (RFC 4180, with a header): one failure a row. Cells that a
 * spreadsheet would run as a formula (=, +, -, @ …) are prefixed with a quote:
 * transcripts hold arbitrary text. Invisible characters (NUL, escape) are shown as escapes.
 */
export function renderFailuresCsv(rows: readonly FailureRow[]): string {
  const visible = rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'string' ? showControlCharacters(v) : v])));
  return stringify(visible, { header: true, columns: [...FAILURE_CSV_COLUMNS], escape_formulas: true, record_delimiter: 'windows' });
}

export const csvReporter: Reporter = {
  id: 'csv',
  file: 'failures.csv',
  async write(context: ReportContext) {
    const info = new Map<string, ConversationInfo>();
    for await (const r of context.transcripts()) {
      if (r.outcome === 'fail') info.set(r.id, { ...(r.bot ? { bot: r.bot } : {}), ...(r.model ? { model: r.model } : {}), ...(r.promptHash ? { promptHash: r.promptHash } : {}) });
    }
    const rows: FailureRow[] = [];
    for await (const f of context.failures()) rows.push(failureRow(context.summary.runId, f, info.get(f.conversationId)));
    await writeFileAtomic(join(context.outDir, 'failures.csv'), renderFailuresCsv(rows));
  },
};
