import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProject, REPO_ROOT, removeProject, runCli } from './helpers.js';

/**
 * The standalone fake server (`node harness/dist/testing/serve.js`), as the
 * README starts it from a fresh clone: it plays what refine, guide apply and
 * the LLM user need (`prompt-follower`, `refiner`, `user-sim`), not only the
 * scripted bots.
 */
describe('the standalone fake server', () => {
  let child: ChildProcess;
  let url: string;
  let project: string;
  beforeAll(async () => {
    child = spawn(process.execPath, [join(REPO_ROOT, 'harness/dist/testing/serve.js'), '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
    url = (JSON.parse(line) as { url: string }).url;
    project = await makeProject();
  });
  afterAll(async () => {
    child.kill('SIGTERM');
    await removeProject(project);
  });

  it('plays prompt-follower, the refiner and the LLM user', async () => {
    const env = { OPENAI_BASE_URL: url };
    const run = await runCli(['run', 'scenarios/restaurant', '--model', 'prompt-follower', '--simulator', 'llm', '--simulator-model', 'user-sim', '--no-history', '--out', 'out'], { cwd: project, env });
    expect(run.stdout).toMatch(/^6 passed, 0 failed, 0 errors of 6 conversations/);
    const health = await runCli(['guide', 'check', '--model', 'refiner'], { cwd: project, env });
    expect(health.stderr).not.toMatch(/does not exist/);
  });
});
