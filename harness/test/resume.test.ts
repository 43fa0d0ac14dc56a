import { spawn } from 'node:child_process';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAIServer, type FakeServer } from '../src/testing/index.js';
import { CLI_BIN, countLines, makeProject, readJsonl, removeProject, runCli, waitFor } from './helpers.js';

interface Line { id: string; outcome: string; error?: { code: string } }
interface FailureLine { conversationId: string }

const TRIALS = 8;
const EXPECTED = 6 * TRIALS;

/** Every planned conversation exactly once, and each failure once per conversation (the forgetful bot re-asks once). */
async function expectComplete(dir: string): Promise<void> {
  const ids = (await readJsonl<Line>(join(dir, 'transcripts.jsonl'))).map((l) => l.id);
  expect(ids).toHaveLength(EXPECTED);
  expect(new Set(ids).size).toBe(EXPECTED);
  const failures = (await readJsonl<FailureLine>(join(dir, 'failures.jsonl'))).map((f) => f.conversationId);
  expect(failures.sort()).toEqual([...ids].sort());
  const summary = JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8'));
  expect(summary.totals).toEqual({ conversations: EXPECTED, passed: 0, failed: EXPECTED, errors: 0 });
}

describe('interruption and --resume', () => {
  let server: FakeServer;
  let project: string;
  beforeAll(async () => {
    server = await startFakeOpenAIServer({ latencyMs: 25 });
    project = await makeProject();
  });
  afterAll(async () => {
    await server.close();
    await removeProject(project);
  });

  const start = (out: string) =>
    spawn(process.execPath, [CLI_BIN, 'run', '--model', 'forgetful', '--trials', String(TRIALS), '--concurrency', '4', '--out', out], {
      cwd: project,
      env: { PATH: process.env.PATH, OPENAI_BASE_URL: server.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  const exited = (child: ReturnType<typeof start>) => new Promise<{ code: number | null; stderr: string }>((resolve) => {
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });

  it('after a kill -9 mid-run (and a half-written line), resume finishes with nothing lost and nothing twice', async () => {
    const child = start('killed');
    const done = exited(child);
    const transcripts = join(project, 'killed/transcripts.jsonl');
    await waitFor(async () => (await countLines(transcripts)) >= 6, 20_000, 'some conversations');
    child.kill('SIGKILL');
    await done;
    const before = await countLines(transcripts);
    expect(before).toBeLessThan(EXPECTED);
    // What a kill in the middle of a write leaves: a partial line, and failures of a conversation never recorded.
    await appendFile(transcripts, '{"schemaVersion":1,"id":"dinner-for-four#');
    await appendFile(join(project, 'killed/failures.jsonl'), `${JSON.stringify({ schemaVersion: 1, conversationId: 'not-yet#8', class: 're-ask', messageIndex: 1, blame: 'bot', evidence: { quote: 'q', reason: 'r' } })}\n`);
    const resumed = await runCli(['run', '--resume', 'killed'], { cwd: project, env: { OPENAI_BASE_URL: server.url } });
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(1);
    await expectComplete(join(project, 'killed'));
  });

  it('Ctrl-C stops cleanly: nothing half-done is recorded, it says how to resume, and resume completes the run', async () => {
    const child = start('interrupted');
    const done = exited(child);
    await waitFor(async () => (await countLines(join(project, 'interrupted/transcripts.jsonl'))) >= 4, 20_000, 'some conversations');
    child.kill('SIGINT');
    const { code, stderr } = await done;
    expect(code).toBe(130);
    expect(stderr).toMatch(/slotcheck run --resume interrupted/);
    const lines = await readJsonl<Line>(join(project, 'interrupted/transcripts.jsonl'));
    expect(lines.length).toBeLessThan(EXPECTED);
    expect(lines.filter((l) => l.outcome === 'error')).toEqual([]);
    const resumed = await runCli(['run', '--resume', 'interrupted'], { cwd: project, env: { OPENAI_BASE_URL: server.url } });
    expect(resumed.code).toBe(1);
    await expectComplete(join(project, 'interrupted'));
  });

  it('refuses to resume when the prompt changed, or with options that would change the run', async () => {
    const options = await runCli(['run', '--resume', 'interrupted', '--trials', '2'], { cwd: project, env: { OPENAI_BASE_URL: server.url } });
    expect(options.code).toBe(2);
    expect(options.stderr).toMatch(/--resume takes what to test from the run's run\.json; drop --trials/);
    await writeFile(join(project, 'bots/restaurant/prompt.md'), 'Changed for {{vars.restaurant}} on {{today}}.\n');
    const changed = await runCli(['run', '--resume', 'interrupted'], { cwd: project, env: { OPENAI_BASE_URL: server.url } });
    expect(changed.code).toBe(2);
    expect(changed.stderr).toMatch(/a bot's prompt changed since this run started \(bot "restaurant"\): its prompt\.md/);
    const notARun = await runCli(['run', '--resume', 'bots'], { cwd: project, env: { OPENAI_BASE_URL: server.url } });
    expect(notARun.code).toBe(2);
    expect(notARun.stderr).toMatch(/bots: not a run folder/);
  });
});
