import { spawn } from 'node:child_process';
import { copyFile, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, useServerProject } from './helpers.js';

const VITEST = join(REPO_ROOT, 'node_modules/vitest/vitest.mjs');

const FLAWED = `import { describeScenarios } from 'slotcheck/vitest';
describeScenarios(['scenarios/restaurant/changes-the-time.yaml'], { model: 'stubborn' });
`;

interface JsonReport {
  testResults: Array<{ name: string; assertionResults: Array<{ title: string; fullName: string; status: string; failureMessages: string[] }> }>;
}

/**
 * A user's own project runs slotcheck scenarios through `slotcheck/vitest`
 * (the built package, imported by name), with vitest's JSON reporter and
 * `--shard`, against the local fake OpenAI-compatible server.
 */
describe('slotcheck/vitest in a user-style vitest project', () => {
  const t = useServerProject();
  beforeAll(async () => {
    await mkdir(join(t.project, 'node_modules'));
    await symlink(REPO_ROOT, join(t.project, 'node_modules/slotcheck'), 'dir');
    await symlink(join(REPO_ROOT, 'node_modules/vitest'), join(t.project, 'node_modules/vitest'), 'dir');
    await writeFile(join(t.project, 'package.json'), '{ "name": "my-bot", "private": true, "type": "module" }\n');
    await copyFile(join(REPO_ROOT, 'harness/examples/vitest/slotcheck.test.ts'), join(t.project, 'slotcheck.test.ts'));
    await writeFile(join(t.project, 'flawed.test.ts'), FLAWED);
  });

  /** `vitest run` in the project, in its own process, with only the environment a user would set. */
  function vitest(args: string[]): Promise<{ code: number; output: string }> {
    const env = { PATH: process.env.PATH ?? '', HOME: t.project, OPENAI_BASE_URL: t.server.url, OPENAI_API_KEY: 'sk-user-project', SLOTCHECK_MODEL: 'careful' };
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [VITEST, 'run', ...args], { cwd: t.project, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? -1, output }));
    });
  }

  it('one test per scenario, a failure naming class, message and evidence; --shard splits the files', async () => {
    const shards = [];
    for (const shard of ['1/2', '2/2']) {
      const run = await vitest([`--shard=${shard}`, '--reporter=json', `--outputFile=shard-${shard[0]}.json`]);
      shards.push({ run, report: JSON.parse(await readFile(join(t.project, `shard-${shard[0]}.json`), 'utf8')) as JsonReport });
    }
    const files = shards.map((s) => s.report.testResults.map((r) => r.name.split('/').at(-1)));
    expect(files.map((f) => f.length)).toEqual([1, 1]);
    expect(files.flat().sort()).toEqual(['flawed.test.ts', 'slotcheck.test.ts']);
    const tests = shards.flatMap((s) => s.report.testResults.flatMap((r) => r.assertionResults));
    const passing = tests.filter((t) => t.fullName.startsWith('slotcheck scenarios '));
    expect(passing.map((t) => [t.title, t.status]).sort()).toEqual(['all-at-once', 'changes-the-time', 'dinner-for-four', 'not-yet', 'scripted-booking', 'yes-go-ahead'].map((id) => [id, 'passed']));
    const [flawed] = tests.filter((t) => t.fullName.startsWith('slotcheck scenarios/restaurant/changes-the-time.yaml'));
    expect(flawed!.status).toBe('failed');
    expect(flawed!.failureMessages[0]).toMatch(/^SlotcheckFailure: changes-the-time \(trial 1, model stubborn\): 1 bot failure\n {2}ignored-correction at message 11, slot time: .*\n {4}".*book_table.*"\n {4}related message \d+: "No\b.*the time should be 20:30\."/);
    // The exit codes are vitest's: the shard with the flawed bot fails, the other passes.
    const exit = Object.fromEntries(shards.map((s, i) => [files[i]![0], s.run.code]));
    expect(exit).toEqual({ 'flawed.test.ts': 1, 'slotcheck.test.ts': 0 });
  });
});
