import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../src/core/folder-lock.js';
import { startFakeOpenAIServer, type FakeServer } from '../src/testing/index.js';
import { countLines, makeProject, readJsonl, removeProject, runCli } from './helpers.js';
import { expectExact, type FailureLine, type Line } from './run-folder-checks.js';

const TRIALS = 2;
const PLANNED = 6 * TRIALS;

/** Cuts a complete run back to its first `keep` conversations, as an interruption leaves it. */
async function interrupt(dir: string, keep: number): Promise<void> {
  const lines = (await readFile(join(dir, 'transcripts.jsonl'), 'utf8')).split('\n').filter(Boolean).slice(0, keep);
  await writeFile(join(dir, 'transcripts.jsonl'), `${lines.join('\n')}\n`);
  const kept = new Set(lines.map((l) => (JSON.parse(l) as Line).id));
  const failures = (await readFile(join(dir, 'failures.jsonl'), 'utf8')).split('\n').filter((l) => l && kept.has((JSON.parse(l) as FailureLine).conversationId));
  await writeFile(join(dir, 'failures.jsonl'), failures.length > 0 ? `${failures.join('\n')}\n` : '');
}

describe('a run folder has one writer at a time, and a resume continues only the same run', () => {
  let server: FakeServer;
  let project: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    server = await startFakeOpenAIServer({ latencyMs: 10 });
    env = { OPENAI_BASE_URL: server.url };
  });
  afterAll(async () => server.close());
  beforeEach(async () => {
    if (project) await removeProject(project);
    project = await makeProject();
  });
  afterAll(async () => removeProject(project));

  const run = (out: string, ...more: string[]) => runCli(['run', '--model', 'forgetful', '--trials', String(TRIALS), '--concurrency', '4', '--out', out, ...more], { cwd: project, env });
  const resume = (out: string) => runCli(['run', '--resume', out], { cwd: project, env });

  it('two resumes of one folder at once: one is refused naming the holder, and the folder is exact', async () => {
    expect((await run('r', '--no-history')).code).toBe(1);
    await interrupt(join(project, 'r'), 2);
    const [a, b] = await Promise.all([resume('r'), resume('r')]);
    const refused = [a, b].filter((r) => r.code === 2);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.stderr).toMatch(new RegExp(`^slotcheck: r is in use by \`slotcheck run --resume\` \\(pid ${process.pid} on .+, since .+\\); wait for it to finish`, 'm'));
    expect([a, b].filter((r) => r.code === 1)).toHaveLength(1);
    await expectExact(join(project, 'r'), PLANNED);
    expect(await countLines(join(project, 'r/transcripts.jsonl'))).toBe(PLANNED);
  });

  it('two runs with the same --out started together: one is refused, the other\'s folder is exact', async () => {
    const [a, b] = await Promise.all([run('same'), run('same')]);
    expect([a.code, b.code].sort()).toEqual([1, 2]);
    expect([a, b].find((r) => r.code === 2)!.stderr).toMatch(/^slotcheck: same is in use by `slotcheck run`/m);
    await expectExact(join(project, 'same'), PLANNED);
    expect(await readJsonl(join(project, 'reports/history.jsonl'))).toHaveLength(1);
  });

  it('a lock left by a killed process is stale and taken over; the lock is gone once the run ends', async () => {
    expect((await run('stale', '--no-history')).code).toBe(1);
    await interrupt(join(project, 'stale'), 3);
    // A pid that cannot be running: the process that held it was killed.
    await writeFile(join(project, 'stale', LOCK_FILE), `${JSON.stringify({ pid: 2 ** 22 + 17, host: (await import('node:os')).hostname(), since: '2026-01-01T00:00:00.000Z', command: 'run' })}\n`);
    const resumed = await resume('stale');
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(1);
    await expectExact(join(project, 'stale'), PLANNED);
    expect((await import('node:fs')).existsSync(join(project, 'stale', LOCK_FILE))).toBe(false);
  });

  it('resuming after bot.yaml changed (variables, task, tool results, temperature) is refused, and the folder is left as it was', async () => {
    expect((await run('edited', '--no-history')).code).toBe(1);
    await interrupt(join(project, 'edited'), 4);
    const botFile = join(project, 'bots/restaurant/bot.yaml');
    const original = await readFile(botFile, 'utf8');
    const edits: Array<[string, string]> = [
      ['variables', original.replace('restaurant: Chez Ada', 'restaurant: Chez Bob')],
      ['task', original.replace('description: Date of the reservation', 'description: Day of the reservation')],
      ['tool results', original.replace('reference: CA-1042', 'reference: CA-9999')],
      ['temperature', original.replace('temperature: 0', 'temperature: 0.7')],
    ];
    const before = await readFile(join(project, 'edited/transcripts.jsonl'), 'utf8');
    for (const [what, text] of edits) {
      expect(text, what).not.toBe(original);
      await writeFile(botFile, text);
      const refused = await resume('edited');
      expect(refused.code, what).toBe(2);
      expect(refused.stderr, what).toMatch(/^slotcheck: edited: a bot's definition changed since this run started \(bot "restaurant"\): bot\.yaml \(task, variables, tool results, model settings\)/m);
    }
    await writeFile(botFile, original);
    expect(await readFile(join(project, 'edited/transcripts.jsonl'), 'utf8')).toBe(before);
    expect((await resume('edited')).code).toBe(1);
    await expectExact(join(project, 'edited'), PLANNED);
  });

  it('resuming a run that is already complete records it in history once', async () => {
    const first = await run('complete');
    expect(first.code).toBe(1);
    const again = await resume('complete');
    expect(again.code).toBe(1);
    const history = await readJsonl<{ runId: string }>(join(project, 'reports/history.jsonl'));
    expect(history).toHaveLength(1);
    expect(JSON.parse(await readFile(join(project, 'complete/run.json'), 'utf8')).runId).toBe(history[0]!.runId);
    await expectExact(join(project, 'complete'), PLANNED);
  });
});
