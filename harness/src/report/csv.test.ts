import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Failure } from '../detect/failure.js';
import { FAILURE_CSV_COLUMNS, failureRow, renderFailuresCsv } from './csv.js';

const base: Failure = { schemaVersion: 1, blame: 'bot', conversationId: 'c1', class: 're-ask', messageIndex: 3, slot: 'date', evidence: { quote: 'q', reason: 'r' } };
const withText = (quote: string, reason = 'r'): Failure => ({ ...base, evidence: { quote, reason } });

describe('failures.csv', () => {
  it('has a header even with no failures', () => {
    expect(renderFailuresCsv([])).toBe(`${FAILURE_CSV_COLUMNS.join(',')}\r\n`);
  });

  it('quotes commas, quotes and newlines so every cell reads back as written', () => {
    const quote = 'Sure, "Ada" —\nfor 4, at <b>7</b>';
    const csv = renderFailuresCsv([failureRow('run-1', withText(quote, 'asks, again'), { bot: 'restaurant', model: 'm', promptHash: 'abc' })]);
    const [row] = parse(csv, { columns: true }) as Array<Record<string, string>>;
    expect(row).toMatchObject({ run_id: 'run-1', conversation_id: 'c1', class: 're-ask', message_index: '3', slot: 'date', reason: 'asks, again', quote, bot: 'restaurant', prompt_hash: 'abc', trial: '', related_quote: '' });
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    const quotes = ['=HYPERLINK("http://x","y")', '+1', '-2 tickets', '@SUM(A1)', 'plain = fine'];
    const csv = renderFailuresCsv(quotes.map((q) => failureRow('run-1', withText(q))));
    const rows = parse(csv, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => r.quote)).toEqual([`'=HYPERLINK("http://x","y")`, "'+1", "'-2 tickets", "'@SUM(A1)", 'plain = fine']);
  });
});
