import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBot } from '../src/bot/load.js';
import { startFakeOpenAIServer, startHttpBotServer, type FakeServer, type HttpBotServer } from '../src/testing/index.js';
import { standaloneModels } from '../src/testing/standalone-models.js';
import { makeProject, readJsonl, REPO_ROOT, removeProject, runCli } from './helpers.js';

const EXAMPLE = 'harness/examples/your-bot';
const COMMAND = `npx slotcheck run ${EXAMPLE}/scenarios --bots ${EXAMPLE}/bots`;

describe('the README\'s "Try it": a prompt bot, a bot service, a buggy copy of it and a module bot in one run', () => {
  let model: FakeServer;
  let service: HttpBotServer;
  let project: string;
  beforeAll(async () => {
    const task = (await loadBot(join(REPO_ROOT, EXAMPLE, 'bots'), 'restaurant-service', (p) => p, { BOT_URL: 'http://127.0.0.1:1' })).task;
    [model, service] = await Promise.all([startFakeOpenAIServer({ responders: standaloneModels() }), startHttpBotServer({ task })]);
    project = await makeProject({ from: join(REPO_ROOT, EXAMPLE) });
  });
  afterAll(async () => {
    await Promise.all([model.close(), service.close()]);
    await removeProject(project);
  });

  it('runs as the README says: three pass, the service that books without asking fails with premature-action', async () => {
    expect(await readFile(join(REPO_ROOT, 'README.md'), 'utf8')).toContain(COMMAND);
    const result = await runCli(['run', 'scenarios', '--bots', 'bots', '--out', 'out'], { cwd: project, env: { OPENAI_BASE_URL: model.url, BOT_URL: service.url } });
    expect(result.stdout).toMatch(/^3 passed, 1 failed, 0 errors of 4 conversations/);
    expect(result.code).toBe(1);
    const lines = await readJsonl<{ scenarioId: string; failureClasses: string[] }>(join(project, 'out/transcripts.jsonl'));
    expect(lines.filter((l) => l.failureClasses.length > 0)).toEqual([expect.objectContaining({ scenarioId: 'dinner-for-four-restaurant-eager', failureClasses: ['premature-action'] })]);
  });

  it('says which bots\' tokens are not counted (an HTTP or module bot\'s own model calls never reach slotcheck), in a mixed suite and in one of HTTP bots alone', async () => {
    const env = { OPENAI_BASE_URL: model.url, BOT_URL: service.url };
    const mixed = await runCli(['run', 'scenarios', '--bots', 'bots', '--out', 'mixed', '--no-history'], { cwd: project, env });
    expect(mixed.stdout).toMatch(/^tokens: bot [\d,]+ in \/ [\d,]+ out · not counted: restaurant-code \(module\), restaurant-eager \(http\), restaurant-service \(http\)$/m);
    expect(await readFile(join(project, 'mixed/report.md'), 'utf8')).toContain('Not counted: the tokens of `restaurant-code` (module), `restaurant-eager` (http), `restaurant-service` (http)');
    const alone = await runCli(['run', 'scenarios/restaurant-service.yaml', '--bots', 'bots', '--out', 'alone', '--no-history'], { cwd: project, env: { BOT_URL: service.url } });
    expect(alone.stdout).toMatch(/^tokens: not counted: restaurant-service \(http\)$/m);
    expect(await readFile(join(project, 'alone/report.md'), 'utf8')).toMatch(/## Cost[\s\S]*Not counted: the tokens of `restaurant-service` \(http\)/);
    expect(await readFile(join(project, 'alone/report.html'), 'utf8')).toMatch(/<section id="cost"[\s\S]*Not counted: the tokens of <code>restaurant-service<\/code> \(http\)/);
  });

  it('refine of that run: the service\'s failure is skipped (its prompt is not slotcheck\'s to change), with a report', async () => {
    const env = { OPENAI_BASE_URL: model.url, BOT_URL: service.url };
    const result = await runCli(['refine', '--run', 'out', '--meta-model', 'refiner', '--out', 'out/refine'], { cwd: project, env });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^refine of run \S+ \(no prompt bot to fix\):\n {2}restaurant-eager premature-action: skipped: the bot is an HTTP or module bot\n/);
    expect(await readFile(join(project, 'out/refine/refine.md'), 'utf8')).toContain('| restaurant-eager · `premature-action` | skipped |');
    // Offline too: no seed in the guide from a bot whose prompt slotcheck cannot see.
    const guide = await readFile(join(project, 'guides/slot-filling.json'), 'utf8').catch(() => '');
    const offline = await runCli(['refine', '--run', 'out', '--out', 'out/refine-offline'], { cwd: project, env: { BOT_URL: service.url } });
    expect(offline).toMatchObject({ code: 0, stderr: '' });
    expect(offline.stdout).toContain('restaurant-eager premature-action: skipped: the bot is an HTTP or module bot');
    expect(await readFile(join(project, 'guides/slot-filling.json'), 'utf8').catch(() => '')).toBe(guide);
  });
});
