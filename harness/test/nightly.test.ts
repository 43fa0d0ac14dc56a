import { existsSync, readlinkSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAIServer, type FakeServer } from '../src/testing/index.js';
import { makeProject, removeProject, runCli } from './helpers.js';

describe('nightly files: reports/history.jsonl and reports/latest', () => {
  let server: FakeServer;
  let project: string;
  beforeAll(async () => {
    server = await startFakeOpenAIServer();
    project = await makeProject();
  });
  afterAll(async () => {
    await server.close();
    await removeProject(project);
  });
  const run = (args: string[], signal?: AbortSignal) =>
    runCli(['run', '--model', 'careful', ...args], { cwd: project, env: { OPENAI_BASE_URL: server.url }, ...(signal ? { signal } : {}) });
  const sinceSection = async (dir: string) => /## Since the previous run\n\n([^#]*)/.exec(await readFile(join(project, dir, 'report.md'), 'utf8'))?.[1] ?? '';
  const history = async () => (existsSync(join(project, 'reports/history.jsonl')) ? (await readFile(join(project, 'reports/history.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { runId: string; dir: string }) : []);

  it('each run appends a line and moves latest to itself; --no-history and interrupted runs do neither', async () => {
    await run(['--out', 'reports/first']);
    await run(['--out', 'reports/second']);
    expect((await history()).map((e) => e.dir)).toEqual(['first', 'second']);
    expect(readlinkSync(join(project, 'reports/latest'))).toBe('second');

    await run(['--out', 'reports/quiet', '--no-history']);
    const aborted = new AbortController();
    aborted.abort();
    await run(['--out', 'reports/interrupted'], aborted.signal);
    expect(existsSync(join(project, 'reports/interrupted/summary.json'))).toBe(true);
    expect((await history()).map((e) => e.dir)).toEqual(['first', 'second']);
    expect(readlinkSync(join(project, 'reports/latest'))).toBe('second');
  });

  it('"since the previous run" compares like with like: another model is passed over and named, never "new" or "fixed"', async () => {
    // After the careful runs above: the forgetful model re-asks everywhere, which is not a regression of the careful one.
    await run(['--out', 'reports/other-model', '--model', 'forgetful']);
    const unlike = await sinceSection('reports/other-model');
    expect(unlike).toMatch(/^Not compared: no earlier run tested the same model, bots and scenarios\. The previous run, `[^`]+` \([^)]+\), differed: model careful → forgetful\./);
    expect(unlike).not.toMatch(/new|fixed/);
    await run(['--out', 'reports/careful-again']);
    const like = await sinceSection('reports/careful-again');
    const [second, other] = (await history()).filter((e) => e.dir === 'second' || e.dir === 'other-model').map((e) => e.runId);
    expect(like).toContain(`Compared with \`${second}\``);
    expect(like).toContain('**0 new**, 0 fixed');
    expect(like).toContain(`- passed over \`${other}\`, which tested something else: model forgetful → careful`);
    expect(await readFile(join(project, 'reports/careful-again/report.html'), 'utf8')).toContain(`passed over <code>${other}</code>`);
  });
});
