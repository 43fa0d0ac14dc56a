import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCRIPTED_BOTS, startFakeOpenAIServer, type FakeServer, type Responder } from '../src/testing/index.js';
import { makeProject, removeProject, runCli } from './helpers.js';

/** Careful, except in the conversation of the user named Ada (scenario dinner-for-four), where it acts at once. */
const carefulButAda: Responder = (request, context) => {
  const ada = request.messages.some((m) => m.role === 'user' && /\bAda\b/.test(m.content ?? ''));
  return (ada ? SCRIPTED_BOTS.eager! : SCRIPTED_BOTS.careful!)(request, context);
};

describe('slotcheck compare and run --baseline: what a change broke, keyed by scenario × class', () => {
  let server: FakeServer;
  let project: string;
  beforeAll(async () => {
    server = await startFakeOpenAIServer({ responders: { 'careful-but-ada': carefulButAda } });
    project = await makeProject();
    for (const [model, out, trials] of [['careful', 'base', '2'], ['careful-but-ada', 'head', '2'], ['forgetful', 'forgetful-1', '1'], ['forgetful', 'forgetful-2', '1']] as const) {
      await cli(['run', '--model', model, '--trials', trials, '--out', out, '--no-history']);
    }
  });
  afterAll(async () => {
    await server.close();
    await removeProject(project);
  });
  const cli = (args: string[]) => runCli(args, { cwd: project, env: { OPENAI_BASE_URL: server.url } });

  it('two runs that differ in one scenario: exactly that scenario is new, and --fail-on new exits 1', async () => {
    const result = await cli(['compare', 'base', 'head', '--json']);
    expect(result.code).toBe(1);
    const diff = JSON.parse(result.stdout);
    expect(diff.items).toEqual([{ key: 'dinner-for-four', class: 'premature-action', status: 'new', base: { failed: 0, judged: 2 }, head: { failed: 2, judged: 2 } }]);
    expect(diff.notJudged).toEqual([]);
  });

  it('the same two runs the other way round: the scenario is fixed, and nothing fails (exit 0)', async () => {
    const result = await cli(['compare', 'head', 'base']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^## slotcheck compare: PASS/);
    expect(result.stdout).toContain('- `dinner-for-four` premature-action: base 2/2 → head 0/2');
    expect(result.stdout).not.toContain('### New failures');
  });

  it('failures present in both runs are "still failing": exit 0 with --fail-on new, 1 with --fail-on any', async () => {
    const onlyNew = await cli(['compare', 'forgetful-1', 'forgetful-2', '--json']);
    expect(onlyNew.code).toBe(0);
    const diff = JSON.parse(onlyNew.stdout);
    expect(diff.items).toHaveLength(6);
    expect(diff.items.every((i: { status: string }) => i.status === 'still-failing')).toBe(true);
    expect((await cli(['compare', 'forgetful-1', 'forgetful-2', '--fail-on', 'any'])).code).toBe(1);
    expect((await cli(['compare', 'base', 'head', '--fail-on', 'none'])).code).toBe(0);
  });

  it('run --baseline decides the exit code by the diff and writes baseline.md and baseline.json', async () => {
    const result = await runCli(['run', '--model', 'careful-but-ada', '--trials', '2', '--out', 'head-2', '--baseline', 'base'], { cwd: project, env: { OPENAI_BASE_URL: server.url } });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('against ');
    expect(result.stdout).toContain('1 new, 0 fixed, 0 still failing, 0 flaky (--fail-on new: exit 1)');
    const baseline = JSON.parse(await readFile(join(project, 'head-2/baseline.json'), 'utf8'));
    expect(baseline.items.map((i: { key: string; status: string }) => `${i.key} ${i.status}`)).toEqual(['dinner-for-four new']);
    expect(await readFile(join(project, 'head-2/baseline.md'), 'utf8')).toContain('### New failures');
    const summary = JSON.parse(await readFile(join(project, 'head-2/summary.json'), 'utf8'));
    expect(summary.exitCode).toBe(1);
    const still = await cli(['run', '--model', 'forgetful', '--out', 'forgetful-3', '--baseline', 'forgetful-1']);
    expect(still.code).toBe(0);
  });

  it('bad input: a folder that is not a run, a missing folder, mixed kinds, --fail-on without --baseline → exit 2', async () => {
    await mkdir(join(project, 'not-a-run'), { recursive: true });
    await writeFile(join(project, 'not-a-run/notes.txt'), 'hello');
    const notRun = await cli(['compare', 'base', 'not-a-run']);
    expect(notRun.code).toBe(2);
    expect(notRun.stderr).toMatch(/^slotcheck: not-a-run is not a run folder \(it needs run\.json and transcripts\.jsonl/m);
    const missing = await cli(['compare', 'nowhere', 'base']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nowhere: no such run folder/);
    await writeFile(join(project, 'conversations.jsonl'), `${JSON.stringify({ id: 'c1', messages: [{ role: 'user', content: 'Hi' }] })}\n`);
    await cli(['analyze', 'conversations.jsonl', '--task', 'bots/restaurant/bot.yaml', '--out', 'analysed']);
    const mixed = await cli(['compare', 'base', 'analysed']);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/cannot compare a simulated run \(.*\) with an analysis of recorded conversations/);
    const usage = await cli(['run', '--model', 'careful', '--fail-on', 'new', '--out', 'never']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--fail-on needs --baseline/);
    const badBaseline = await cli(['run', '--model', 'careful', '--baseline', 'not-a-run', '--out', 'never']);
    expect(badBaseline.code).toBe(2);
    expect(existsSync(join(project, 'never'))).toBe(false);
  });

  it('a corrupt transcript line in a run folder names the file and line (exit 2)', async () => {
    await mkdir(join(project, 'corrupt'), { recursive: true });
    await writeFile(join(project, 'corrupt/run.json'), await readFile(join(project, 'base/run.json'), 'utf8'));
    await writeFile(join(project, 'corrupt/transcripts.jsonl'), '{"id":"x","outcome":"maybe"}\n{"id":"y"}\n');
    const result = await cli(['compare', 'base', 'corrupt']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/corrupt\/transcripts\.jsonl:1: not a transcript line/);
  });
});
