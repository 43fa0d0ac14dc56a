import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOpenAIServer } from '../src/testing/index.js';
import { makeProject, removeProject, runCli } from './helpers.js';

describe('slotcheck example (npm start)', () => {
  let project: string;
  beforeEach(async () => {
    project = await makeProject();
  });
  afterEach(async () => removeProject(project));

  it('with no model configured, analyses the bundled examples and says how to point at a model', async () => {
    const result = await runCli(['example'], { cwd: project, env: {} });
    expect(result.code).toBe(0);
    const [runDir] = await readdir(join(project, 'reports'));
    const report = await readFile(join(project, 'reports', runDir!, 'report.md'), 'utf8');
    expect(report).toMatch(/re-ask/);
    expect(report).toMatch(/premature-action/);
    expect(result.stdout).toMatch(/set OPENAI_BASE_URL/);
  });

  it('with a model configured, runs the bundled suite live', async () => {
    const server = await startFakeOpenAIServer();
    try {
      const result = await runCli(['example', '--model', 'careful'], { cwd: project, env: { OPENAI_BASE_URL: server.url } });
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/6 passed, 0 failed, 0 errors of 6 conversations/);
      expect(server.stats.chat).toBeGreaterThan(20);
    } finally {
      await server.close();
    }
  });
});
