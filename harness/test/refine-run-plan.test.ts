import { cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScriptedRefiner, promptFollowingBot, startFakeOpenAIServer, type FakeServer } from '../src/testing/index.js';
import { removeProject } from './helpers.js';
import { cli, makeRefineProject, readRefineReport } from './refine-helpers.js';

describe('refine --run verifies on the suite the run used', () => {
  let server: FakeServer;
  let project: string;
  beforeAll(async () => {
    server = await startFakeOpenAIServer({ responders: { 'prompt-follower': promptFollowingBot, refiner: createScriptedRefiner() } });
    project = await makeRefineProject();
  });
  afterAll(async () => {
    await server.close();
    await removeProject(project);
  });

  it('takes the scenario paths from run.json, so an unrelated broken file in scenarios/ does not stop it', async () => {
    const run = cli(project, server.url);
    await cp(join(project, 'scenarios'), join(project, 'suite-b'), { recursive: true });
    expect((await run(['run', 'suite-b', '--model', 'prompt-follower', '--detectors', 're-ask', '--out', 'reports/b'])).code).toBe(1);
    await writeFile(join(project, 'scenarios/work-in-progress.yaml'), 'bot: restaurant\nuser: [half written\n');
    const refined = await run(['refine', '--run', 'reports/b', '--meta-model', 'refiner', '--trials', '1', '--out', 'reports/b/refine']);
    expect(refined.stderr).toBe('');
    expect(refined.code).toBe(0);
    expect((await readRefineReport(join(project, 'reports/b/refine'))).classes.map((c) => [c.failureClass, c.status])).toEqual([['re-ask', 'fixed']]);
    // Naming scenarios still overrides the run's: the broken file is then read, and named.
    const explicit = await run(['refine', 'scenarios', '--run', 'reports/b', '--meta-model', 'refiner', '--out', 'reports/b/refine-2']);
    expect(explicit.code).toBe(2);
    expect(explicit.stderr).toMatch(/scenarios\/work-in-progress\.yaml:2: /);
  });
});
