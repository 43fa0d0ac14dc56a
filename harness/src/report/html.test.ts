import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Failure } from '../detect/failure.js';
import type { ConversationRecord } from '../transcript/record.js';
import { buildHtmlModel } from './html-model.js';
import { selectConversations } from './html-conversations.js';
import { loadHtmlAssets, renderHtmlReport } from './html.js';
import type { ReportContext } from './reporter.js';
import type { RunSummary } from './summary.js';

const EVIL = '"><img src=x onerror=alert(1)></script><script>alert(2)</script>';

function record(id: string, outcome: ConversationRecord['outcome'], text = 'hello'): ConversationRecord {
  return {
    schemaVersion: 1, id, outcome, failureClasses: outcome === 'fail' ? ['re-ask'] : [], task: undefined,
    messages: [{ role: 'user', content: text }, { role: 'assistant', content: text, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'book', arguments: JSON.stringify({ name: text }) } }] }],
  };
}

async function* iterate<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

function context(records: ConversationRecord[], failures: Failure[]): ReportContext {
  const summary: RunSummary = {
    schemaVersion: 1, runId: 'run-1', kind: 'analyze', startedAt: '2026-11-24T00:00:00.000Z', finishedAt: '2026-11-24T00:00:01.000Z', durationMs: 1000,
    tagger: 'offline', detectors: ['re-ask'], bots: [], totals: { conversations: records.length, passed: 0, failed: records.length, errors: 0 },
    failuresByClass: { 're-ask': failures.length }, scenarios: [{ id: EVIL, trials: 1, passes: 0, failed: 1, errors: 0, failuresByClass: { 're-ask': 1 } }], exitCode: 1,
  };
  return { outDir: '/tmp', summary, examples: { classes: [], errors: [], moreErrors: 0 }, transcripts: () => iterate(records), failures: () => iterate(failures) };
}

describe('report.html rendering', () => {
  it('escapes run data in text and attributes: the only script is ours, allowed by its hash', async () => {
    const failure: Failure = { schemaVersion: 1, blame: 'bot', conversationId: EVIL, class: 're-ask', messageIndex: 1, slot: 'name', evidence: { quote: EVIL, reason: EVIL, relatedMessageIndex: 0 } };
    const assets = await loadHtmlAssets();
    const html = renderHtmlReport(await buildHtmlModel(context([record(EVIL, 'fail', EVIL)], [failure])), assets);
    expect(html).not.toContain('<img');
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
    expect(html).toContain(`<script>${assets.script}</script>`);
    const hash = createHash('sha256').update(assets.script).digest('base64');
    // The policy sits in an attribute, so Handlebars escaped its quotes; the browser reads it decoded.
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)![1]!.replace(/&#x27;/g, "'").replace(/&#x3D;/g, '=');
    expect(csp).toContain(`script-src 'sha256-${hash}'`);
    expect(csp).toMatch(/^default-src 'none';/);
  });

  it('keeps every failing conversation up to a bound and samples passing ones, one per group', async () => {
    const records = [
      ...Array.from({ length: 5 }, (_, i) => ({ ...record(`f${i}`, 'fail'), scenarioId: `s${i % 2}` })),
      ...Array.from({ length: 6 }, (_, i) => ({ ...record(`p${i}`, 'pass'), scenarioId: `s${i % 3}` })),
    ];
    const selection = await selectConversations(iterate(records), { failing: 3, passing: 5 });
    expect(selection.shown.map((r) => r.id)).toEqual(['f0', 'f1', 'f2', 'p0', 'p1', 'p2']);
    expect(selection.counts).toEqual({ failing: 5, erroring: 0, passing: 6, shownFailing: 3, shownPassing: 3 });
  });

  it('says in the page what it left out', async () => {
    const many = Array.from({ length: 3 }, (_, i) => record(`f${i}`, 'fail'));
    const model = await buildHtmlModel(context(many, []));
    expect(model.sampleNote).toBe('Showing all 3 failing or erroring and all 0 passing conversations; every conversation is in transcripts.jsonl.');
  });
});
