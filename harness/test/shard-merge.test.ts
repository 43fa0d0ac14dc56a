import { existsSync, realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAIServer, type FakeServer } from '../src/testing/index.js';
import { makeProject, readJsonl, removeProject, runCli } from './helpers.js';

interface Line { id: string; outcome: string; messages: unknown[]; scenarioId: string; trial: number }

const run = (project: string, url: string, args: string[]) => runCli(['run', '--model', 'forgetful', '--trials', '3', ...args], { cwd: project, env: { OPENAI_BASE_URL: url } });
const read = async (dir: string) => {
  const summary = JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8'));
  // Tool-call ids come from the fake server's request counter, which depends on the order requests arrive.
  const normalised = (messages: unknown[]) => JSON.parse(JSON.stringify(messages).replace(/call_\d+/g, 'call_N')) as unknown[];
  const transcripts = (await readJsonl<Line>(join(dir, 'transcripts.jsonl'))).map(({ id, outcome, messages }) => ({ id, outcome, messages: normalised(messages) })).sort((a, b) => a.id.localeCompare(b.id));
  const failures = (await readJsonl<{ conversationId: string; class: string; messageIndex: number }>(join(dir, 'failures.jsonl'))).map(({ conversationId, class: cls, messageIndex }) => ({ conversationId, cls, messageIndex })).sort((a, b) => a.conversationId.localeCompare(b.conversationId));
  return { summary, transcripts, failures };
};

describe('--shard i/n and slotcheck merge', () => {
  let server: FakeServer;
  let project: string;
  beforeAll(async () => {
    server = await startFakeOpenAIServer();
    project = await makeProject();
    for (const i of [1, 2, 3]) expect((await run(project, server.url, ['--shard', `${i}/3`, '--out', `shard-${i}`])).code).toBe(1);
  });
  afterAll(async () => {
    await server.close();
    await removeProject(project);
  });

  it('shards split scenario × trial without overlap, and merged they equal an unsharded run (and enter history once)', async () => {
    const sizes = await Promise.all([1, 2, 3].map(async (i) => (await readJsonl(join(project, `shard-${i}/transcripts.jsonl`))).length));
    expect(sizes).toEqual([6, 6, 6]);
    expect((await run(project, server.url, ['--out', 'whole'])).code).toBe(1);
    const merged = await runCli(['merge', 'shard-1', 'shard-2', 'shard-3', '--out', 'merged'], { cwd: project });
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(1);
    expect(merged.stdout).toMatch(/0 passed, 18 failed, 0 errors of 18 conversations/);
    const whole = await read(join(project, 'whole'));
    const combined = await read(join(project, 'merged'));
    expect(combined.transcripts).toEqual(whole.transcripts);
    expect(combined.failures).toEqual(whole.failures);
    for (const key of ['totals', 'scenarios', 'failuresByClass', 'exitCode', 'bots', 'trials']) expect(combined.summary[key]).toEqual(whole.summary[key]);
    expect(combined.summary.plan.shard).toBeUndefined();
    expect(existsSync(join(project, 'merged/report.md'))).toBe(true);
    // A shard is partial: it stays out of history.jsonl and latest/; the merged run enters them.
    const history = await readJsonl<{ dir: string }>(join(project, 'reports/history.jsonl'));
    expect(history.map((h) => h.dir)).toEqual(['../whole', '../merged']);
    expect(realpathSync(join(project, 'reports/latest'))).toBe(realpathSync(join(project, 'merged')));
  });

  const refusals: Array<[string, string[], RegExp]> = [
    ['a missing shard', ['shard-1', 'shard-3'], /shard 2\/3 missing; pass every shard's folder \(or --allow-partial\)/],
    ['a shard given twice', ['shard-1', 'shard-1', 'shard-2'], /shard 1\/3 given twice: shard-1 and shard-1/],
    ['a folder that is not a run', ['shard-1', 'bots'], /bots: not a run folder/],
  ];
  for (const [name, dirs, message] of refusals) {
    it(`refuses ${name} (exit 2, nothing written)`, async () => {
      const result = await runCli(['merge', ...dirs, '--out', 'refused'], { cwd: project });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(existsSync(join(project, 'refused'))).toBe(false);
    });
  }

  it('refuses shards of different suites', async () => {
    expect((await run(project, server.url, ['--shard', '2/3', '--out', 'other', '--max-turns', '5', join('scenarios', 'restaurant', 'not-yet.yaml')])).code).toBeLessThan(2);
    const result = await runCli(['merge', 'shard-1', 'other', 'shard-3', '--out', 'refused'], { cwd: project });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/other and shard-1 are not shards of one run/);
    expect(existsSync(join(project, 'refused'))).toBe(false);
  });

  it('--allow-partial merges what there is and says what is missing', async () => {
    const result = await runCli(['merge', 'shard-1', 'shard-2', '--allow-partial', '--out', 'partial'], { cwd: project });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/of 12 conversations/);
    expect(result.stderr).toMatch(/lacks about 6 conversations/);
  });
});
