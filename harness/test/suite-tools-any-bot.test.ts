import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProject, REPO_ROOT, removeProject, runCli } from './helpers.js';

/**
 * The commands that grow a suite (coverage, scenarios generate, scenarios
 * from-transcript) load bot files as run and validate do: an HTTP bot's
 * `${VAR}`s come from the environment.
 */
describe('coverage, scenarios generate and from-transcript of an HTTP bot whose bot.yaml names ${VAR}s', () => {
  let project: string;
  const env = { BOT_URL: 'http://127.0.0.1:1' };
  beforeAll(async () => {
    project = await makeProject({ from: join(REPO_ROOT, 'harness/examples/your-bot') });
  });
  afterAll(async () => removeProject(project));

  it('coverage reads the variables from the environment', async () => {
    const result = await runCli(['coverage', 'scenarios/restaurant-service.yaml'], { cwd: project, env });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('### restaurant-service');
    // It runs its own tools: a failing one is not for a scenario to set up.
    expect(result.stdout).toContain('| tool call fails (every attempt) | n/a |\n| tool call fails, then a retry succeeds | n/a |');
  });

  it('scenarios generate writes a suite that validates', async () => {
    const result = await runCli(['scenarios', 'generate', '--bot', 'restaurant-service', '--out', 'generated'], { cwd: project, env });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect((await runCli(['validate', 'generated'], { cwd: project, env })).code).toBe(0);
  });

  it('from-transcript writes a scenario for the HTTP bot', async () => {
    const examples = join(REPO_ROOT, 'harness/examples/conversations.jsonl');
    const result = await runCli(['scenarios', 'from-transcript', examples, '--id', 'example-02-re-ask', '--bot', 'restaurant-service', '--out', 'regressions'], { cwd: project, env });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect((await runCli(['validate', 'regressions'], { cwd: project, env })).code).toBe(0);
  });
});
