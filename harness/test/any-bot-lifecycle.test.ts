import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAIServer, startHttpBotServer, type FakeServer, type HttpBotServer } from '../src/testing/index.js';
import { makeProject, readJsonl, REPO_ROOT, removeProject, runCli } from './helpers.js';

const FIXTURE = join(REPO_ROOT, 'harness/test/fixtures/any-bot');
/** The module bot of the README's example, tested here as `desk-module`. */
const MODULE = join(REPO_ROOT, 'harness/examples/your-bot/bots/restaurant-code/bot.mjs');
const SCENARIOS = ['desk-http', 'desk-session', 'desk-module', 'prompt-b'].map((b) => `scenarios/${b}.yaml`);

interface Line { id: string; outcome: string; messages: unknown[]; modelCalls: number; cachedCalls?: number }

const TASK = {
  name: 'BookTable', description: '', slots: ['date', 'time', 'party_size', 'name'].map((name) => ({ name, description: '' })),
  actions: [{ name: 'book_table', description: '', required: ['date', 'time', 'party_size', 'name'], optional: [], consequential: true }],
};

describe('record and replay, shards and merge, resume: for HTTP and module bots as for prompt bots', () => {
  let model: FakeServer;
  let desk: HttpBotServer;
  let project: string;
  let env: Record<string, string>;
  const strip = (lines: Line[]) => lines.map(({ id, outcome, messages }) => ({ id, outcome, messages })).sort((a, b) => a.id.localeCompare(b.id));
  beforeAll(async () => {
    model = await startFakeOpenAIServer();
    desk = await startHttpBotServer({ task: TASK });
    project = await makeProject({ from: FIXTURE });
    await cp(MODULE, join(project, 'bots/desk-module/bot.mjs'));
    env = { OPENAI_BASE_URL: model.url, DESK_URL: desk.url, DESK_TOKEN: 'desk-token-0123456789' };
  });
  afterAll(async () => {
    await Promise.all([model.close(), desk.close()]);
    await removeProject(project);
  });

  it('shards of a run with HTTP and module bots merge into the whole run', async () => {
    const live = await runCli(['run', ...SCENARIOS, '--trials', '2', '--cache', 'write', '--cache-dir', 'rec', '--out', 'live'], { cwd: project, env });
    expect(live.stderr).toBe('');
    expect(live.code).toBe(0);
    for (const shard of ['1/2', '2/2']) expect((await runCli(['run', ...SCENARIOS, '--trials', '2', '--shard', shard, '--out', `shard-${shard[0]}`], { cwd: project, env })).code).toBe(0);
    const merged = await runCli(['merge', 'shard-1', 'shard-2', '--out', 'merged'], { cwd: project, env });
    expect(merged.code).toBe(0);
    const summary = JSON.parse(await readFile(join(project, 'merged/summary.json'), 'utf8')) as { totals: unknown };
    expect(summary.totals).toEqual({ conversations: 8, passed: 8, failed: 0, errors: 0 });
  });

  it('a recorded run replays without calling any bot or model, giving the same transcripts, every call from the recordings', async () => {
    const before = { turns: desk.stats.turns, chat: model.stats.chat };
    const replayed = await runCli(['run', ...SCENARIOS, '--trials', '2', '--replay', 'rec', '--out', 'replayed'], { cwd: project, env: { DESK_URL: env.DESK_URL!, DESK_TOKEN: env.DESK_TOKEN! } });
    expect(replayed.stderr).toBe('');
    expect(replayed.code).toBe(0);
    const again = await readJsonl<Line>(join(project, 'replayed/transcripts.jsonl'));
    expect(strip(again)).toEqual(strip(await readJsonl<Line>(join(project, 'live/transcripts.jsonl'))));
    expect(again.every((l) => l.modelCalls > 0 && l.cachedCalls === l.modelCalls)).toBe(true);
    expect({ turns: desk.stats.turns, chat: model.stats.chat }).toEqual(before);
  });

  it('a replay whose HTTP requests changed is an error naming the bot, never a live call', async () => {
    const file = join(project, 'bots/desk-http/bot.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('/stateless/careful', '/stateless/careful?v=2'));
    const turns = desk.stats.turns;
    const miss = await runCli(['run', 'scenarios/desk-http.yaml', '--replay', 'rec', '--out', 'miss'], { cwd: project, env });
    expect(miss.code).toBe(3);
    expect(desk.stats.turns).toBe(turns);
    const [line] = await readJsonl<{ error: { code: string; message: string; blame: string } }>(join(project, 'miss/transcripts.jsonl'));
    expect(line!.error).toMatchObject({ code: 'REPLAY_MISS', blame: 'infrastructure', message: expect.stringContaining('HTTP bot request (bots/desk-http/bot.yaml)') });
  });

  it('--resume refuses a changed HTTP wire or module source, naming the bot', async () => {
    const changedWire = await runCli(['run', '--resume', 'live'], { cwd: project, env });
    expect(changedWire.code).toBe(2);
    expect(changedWire.stderr).toMatch(/a bot's definition changed since this run started \(bot "desk-http"\)/);
    const wire = join(project, 'bots/desk-http/bot.yaml');
    await writeFile(wire, (await readFile(wire, 'utf8')).replace('/stateless/careful?v=2', '/stateless/careful'));
    const module = join(project, 'bots/desk-module/bot.mjs');
    await writeFile(module, `${await readFile(module, 'utf8')}\n// changed\n`);
    const changedModule = await runCli(['run', '--resume', 'live'], { cwd: project, env });
    expect(changedModule.code).toBe(2);
    expect(changedModule.stderr).toMatch(/a bot's definition changed since this run started \(bot "desk-module"\)/);
  });
});
