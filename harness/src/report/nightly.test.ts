import { existsSync, lstatSync, readlinkSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendHistory, historyEntryFor, readHistory, type HistoryEntry } from './history.js';
import { pointLatest } from './latest.js';
import { sinceLast } from './since-last.js';
import type { RunSnapshot } from './snapshot.js';
import type { RunSummary } from './summary.js';

function summary(runId: string, passed: number, failed: number, byClass: RunSummary['failuresByClass']): RunSummary {
  return {
    schemaVersion: 1, runId, kind: 'run', startedAt: `2026-11-2${runId.at(-1)}T02:00:00.000Z`, finishedAt: '2026-11-24T02:01:00.000Z', durationMs: 60_000,
    tagger: 'offline', detectors: ['re-ask', 'premature-action'], trials: 1, bots: [{ name: 'restaurant', promptHash: 'abc' }],
    totals: { conversations: passed + failed, passed, failed, errors: 0 }, failuresByClass: byClass,
    scenarios: [], exitCode: failed > 0 ? 1 : 0,
  };
}
const snapshot = (keys: RunSnapshot['keys']): RunSnapshot => ({ kind: 'run', keys });

describe('history.jsonl and "since last night"', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'slotcheck-history-'));
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('appends one line a run, reads them back oldest first, and skips lines that do not validate', async () => {
    const path = join(dir, 'history.jsonl');
    const first = historyEntryFor(summary('run-1', 2, 0, {}), snapshot({ a: { judged: 1, errors: 0, failed: {} }, b: { judged: 1, errors: 0, failed: {} } }), join(dir, 'run-1'), dir);
    await appendHistory(path, first);
    await appendFile(path, 'not json\n{"schemaVersion":99}\n');
    const second = historyEntryFor(summary('run-2', 1, 1, { 're-ask': 2 }), snapshot({ a: { judged: 1, errors: 0, failed: { 're-ask': 1 } }, b: { judged: 1, errors: 0, failed: {} } }), join(dir, 'run-2'), dir);
    await appendHistory(path, second);
    const history = await readHistory(path);
    expect(history.map((e) => [e.runId, e.dir, e.conversationsByClass])).toEqual([['run-1', 'run-1', {}], ['run-2', 'run-2', { 're-ask': 1 }]]);
    expect((await readHistory(path, 1)).map((e) => e.runId)).toEqual(['run-2']);
  });

  it('keeps the per-scenario snapshot of the two newest runs only (what "since last" compares)', async () => {
    const path = join(dir, 'history.jsonl');
    for (const id of ['run-1', 'run-2', 'run-3']) {
      await appendHistory(path, historyEntryFor(summary(id, 1, 0, {}), snapshot({ a: { judged: 1, errors: 0, failed: {} } }), join(dir, id), dir));
    }
    expect((await readHistory(path)).map((e) => [e.runId, e.snapshot !== undefined])).toEqual([['run-1', false], ['run-2', true], ['run-3', true]]);
  });

  it('since-last: new and fixed per scenario × class, and the trend per class, against the previous run of the same kind', () => {
    const entry = (runId: string, keys: RunSnapshot['keys'], byClass: RunSummary['failuresByClass']): HistoryEntry =>
      historyEntryFor(summary(runId, 1, 1, byClass), snapshot(keys), join(dir, runId), dir);
    const before = entry('run-1', { a: { judged: 1, errors: 0, failed: { 're-ask': 1 } }, b: { judged: 1, errors: 0, failed: {} } }, { 're-ask': 1 });
    const analysis: HistoryEntry = { ...entry('run-2', {}, {}), kind: 'analyze' };
    const now = entry('run-3', { a: { judged: 1, errors: 0, failed: {} }, b: { judged: 1, errors: 0, failed: { 'premature-action': 1 } } }, { 'premature-action': 1 });
    const since = sinceLast([before, analysis, now], now)!;
    expect(since.previous.runId).toBe('run-1');
    expect(since.added.map((i) => `${i.key} ${i.class}`)).toEqual(['b premature-action']);
    expect(since.fixed.map((i) => `${i.key} ${i.class}`)).toEqual(['a re-ask']);
    expect(since.classes).toEqual([
      { class: 'premature-action', before: 0, now: 1, change: '▲ 1' },
      { class: 're-ask', before: 1, now: 0, change: '▼ 1' },
    ]);
    expect(sinceLast([now], now)).toBeUndefined();
  });

  it('since-last compares like with like: other models, bots or scenarios are passed over and named; prompt changes are said', () => {
    const entry = (runId: string, model: string, suiteHash: string, promptHash = 'abc'): HistoryEntry => ({
      ...historyEntryFor({ ...summary(runId, 1, 0, {}), model, bots: [{ name: 'restaurant', promptHash }] }, snapshot({ a: { judged: 1, errors: 0, failed: {} } }), join(dir, runId), dir),
      suiteHash,
    });
    const now = entry('run-5', 'm1', 's1', 'def');
    const history = [entry('run-1', 'm1', 's1'), entry('run-2', 'm2', 's1'), entry('run-3', 'm1', 's2'), entry('run-4', 'm2', 's2'), now];
    const since = sinceLast(history, now)!;
    expect(since.previous.runId).toBe('run-1');
    expect(since.unlike).toBeUndefined();
    expect(since.changes).toEqual(['prompt of restaurant abc → def']);
    expect(since.skipped).toEqual([
      { runId: 'run-2', differences: ['model m2 → m1'] },
      { runId: 'run-3', differences: ['other scenarios'] },
      { runId: 'run-4', differences: ['model m2 → m1', 'other scenarios'] },
    ]);
    const alone = sinceLast([entry('run-4', 'm2', 's2'), now], now)!;
    expect(alone).toMatchObject({ compared: false, unlike: ['model m2 → m1', 'other scenarios'], added: [], fixed: [] });
  });

  it('keeps the snapshot of the newest comparable run, however many other runs came since', async () => {
    const path = join(dir, 'history.jsonl');
    for (const [id, model] of [['run-1', 'm1'], ['run-2', 'm2'], ['run-3', 'm2'], ['run-4', 'm1']] as const) {
      await appendHistory(path, historyEntryFor({ ...summary(id, 1, 0, {}), model }, snapshot({ a: { judged: 1, errors: 0, failed: {} } }), join(dir, id), dir));
    }
    const read = await readHistory(path, 60, (e) => e.model === 'm1');
    expect(read.map((e) => [e.runId, e.snapshot !== undefined])).toEqual([['run-1', true], ['run-2', false], ['run-3', false], ['run-4', true]]);
  });
});

describe('reports/latest', () => {
  let reports: string;
  beforeEach(async () => {
    reports = await mkdtemp(join(tmpdir(), 'slotcheck-latest-'));
    for (const run of ['run-1', 'run-2']) {
      await mkdir(join(reports, run));
      await writeFile(join(reports, run, 'summary.json'), `{"runId":"${run}"}`);
    }
  });
  afterEach(async () => rm(reports, { recursive: true, force: true }));
  const latestSummary = async () => JSON.parse(await readFile(join(reports, 'latest/summary.json'), 'utf8')).runId;

  it('is a relative symlink, moved to each newer run', async () => {
    expect(await pointLatest(reports, join(reports, 'run-1'))).toEqual({ mode: 'symlink' });
    expect(readlinkSync(join(reports, 'latest'))).toBe('run-1');
    expect(await pointLatest(reports, join(reports, 'run-2'))).toEqual({ mode: 'symlink' });
    expect(await latestSummary()).toBe('run-2');
  });

  it('is a marked copy where symlinks fail, replaced by the next run (copy or link)', async () => {
    const noLinks = { symlink: async () => Promise.reject(Object.assign(new Error('EPERM'), { code: 'EPERM' })) };
    expect(await pointLatest(reports, join(reports, 'run-1'), noLinks)).toEqual({ mode: 'copy' });
    expect(lstatSync(join(reports, 'latest')).isDirectory()).toBe(true);
    expect(await latestSummary()).toBe('run-1');
    expect(await pointLatest(reports, join(reports, 'run-2'), noLinks)).toEqual({ mode: 'copy' });
    expect(await latestSummary()).toBe('run-2');
    expect(await pointLatest(reports, join(reports, 'run-1'))).toEqual({ mode: 'symlink' });
    expect(await latestSummary()).toBe('run-1');
  });

  it('never replaces a latest/ folder slotcheck did not make', async () => {
    await mkdir(join(reports, 'latest'));
    await writeFile(join(reports, 'latest/mine.txt'), 'keep me');
    const result = await pointLatest(reports, join(reports, 'run-1'));
    expect(result.mode).toBe('skipped');
    expect(existsSync(join(reports, 'latest/mine.txt'))).toBe(true);
  });
});
