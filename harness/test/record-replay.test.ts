import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAIServer, type FakeServer } from '../src/testing/index.js';
import { makeProject, readJsonl, removeProject, runCli } from './helpers.js';

interface Line { id: string; outcome: string; messages: unknown[]; cachedCalls?: number; error?: { code: string; blame: string; message: string } }

async function countFiles(dir: string): Promise<number> {
  let n = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) if (entry.isFile()) n += 1;
  return n;
}

describe('record and replay of model calls', () => {
  let server: FakeServer;
  let project: string;
  const env = () => ({ OPENAI_BASE_URL: server.url });
  beforeAll(async () => {
    server = await startFakeOpenAIServer();
    project = await makeProject();
  });
  afterAll(async () => {
    await server.close();
    await removeProject(project);
  });

  it('a recorded run replays with no endpoint at all, giving the same transcripts', async () => {
    const recorded = await runCli(['run', '--model', 'forgetful', '--trials', '2', '--cache', 'write', '--cache-dir', 'rec', '--out', 'live'], { cwd: project, env: env() });
    expect(recorded.code).toBe(1);
    const calls = server.stats.chat;
    expect(await countFiles(join(project, 'rec'))).toBe(calls);
    const replayed = await runCli(['run', '--model', 'forgetful', '--trials', '2', '--replay', 'rec', '--out', 'replayed'], { cwd: project, env: {} });
    expect(replayed.stderr).toBe('');
    expect(replayed.code).toBe(1);
    expect(server.stats.chat).toBe(calls);
    const strip = (lines: Line[]) => lines.map(({ id, outcome, messages }) => ({ id, outcome, messages })).sort((a, b) => a.id.localeCompare(b.id));
    const live = await readJsonl<Line>(join(project, 'live/transcripts.jsonl'));
    const again = await readJsonl<Line>(join(project, 'replayed/transcripts.jsonl'));
    expect(strip(again)).toEqual(strip(live));
    expect(await readFile(join(project, 'replayed/failures.jsonl'), 'utf8')).not.toBe('');
    const summary = JSON.parse(await readFile(join(project, 'replayed/summary.json'), 'utf8'));
    expect(summary.modelCalls.cached).toBe(summary.modelCalls.calls);
  });

  it('--cache read answers what it has and records the rest', async () => {
    const before = server.stats.chat;
    const result = await runCli(['run', '--model', 'forgetful', '--trials', '3', '--cache', 'read', '--cache-dir', 'rec', '--out', 'read'], { cwd: project, env: env() });
    expect(result.code).toBe(1);
    const lines = await readJsonl<Line>(join(project, 'read/transcripts.jsonl'));
    const newCalls = server.stats.chat - before;
    expect(newCalls).toBeGreaterThan(0);
    expect(lines.filter((l) => l.id.endsWith('#3')).every((l) => !l.cachedCalls)).toBe(true);
    expect(lines.filter((l) => !l.id.endsWith('#3')).every((l) => l.cachedCalls === (l.messages.filter((m) => (m as { role: string }).role !== 'user' && (m as { role: string }).role !== 'tool').length))).toBe(true);
  });

  it('a replay whose requests changed is an error naming the cause, never a live call', async () => {
    await writeFile(join(project, 'bots/restaurant/prompt.md'), 'A different prompt for {{vars.restaurant}} on {{today}}.\n');
    const before = server.stats.chat;
    const result = await runCli(['run', '--model', 'forgetful', '--replay', 'rec', '--out', 'miss'], { cwd: project, env: env() });
    expect(result.code).toBe(3);
    expect(server.stats.chat).toBe(before);
    const lines = await readJsonl<Line>(join(project, 'miss/transcripts.jsonl'));
    expect(lines).toHaveLength(6);
    for (const line of lines) {
      expect(line.outcome).toBe('error');
      expect(line.error).toMatchObject({ code: 'REPLAY_MISS', blame: 'infrastructure' });
      expect(line.error!.message).toMatch(/record again with --cache write/);
    }
  });

  it('--replay with --cache is a usage error', async () => {
    const result = await runCli(['run', '--replay', 'rec', '--cache', 'read'], { cwd: project, env: {} });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--replay and --cache cannot be combined/);
  });
});
