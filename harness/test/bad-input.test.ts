import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeProject, removeProject, runCli } from './helpers.js';
import { ACCEPTED_THOUGH_WRONG } from './malformed/accepted-though-wrong.js';
import { ENV, RUN, type BadInput } from './malformed/case.js';
import { CRASHES } from './malformed/crashes.js';
import { EARLIER } from './malformed/earlier.js';
import { GOAL_VALUES } from './malformed/goal-values.js';
import { YAML_SYNTAX } from './malformed/yaml-syntax.js';

const GROUPS: Array<[string, BadInput[]]> = [
  ['YAML syntax, templates and ids: the line of the error (item 6)', YAML_SYNTAX],
  ['goal values against slot types (item 7)', GOAL_VALUES],
  ['accepted though wrong (item 8)', ACCEPTED_THOUGH_WRONG],
  ['crashes and run folders for usage errors (item 9)', CRASHES],
  ['earlier cases', EARLIER],
];

/** Every file under the project (paths relative to it), to prove that nothing was written. */
async function listing(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).sort();
}

describe('bad input: a clear error with file and line, exit 2, nothing written', () => {
  let project: string;
  let outside: string;
  beforeAll(async () => {
    outside = await mkdtemp(join(tmpdir(), 'slotcheck-outside-'));
    await writeFile(join(outside, 'prompt.md'), 'A prompt from somewhere else.\n');
    await writeFile(join(outside, 'scenario.yaml'), 'bot: restaurant\nuser:\n  goal: { date: 2026-12-05 }\n');
  });
  afterAll(async () => rm(outside, { recursive: true, force: true }));
  beforeEach(async () => {
    project = await makeProject();
  });
  afterEach(async () => removeProject(project));

  it('covers at least 60 malformed inputs of issue 14 (items 6 to 9), each group with several', () => {
    const issue14 = GROUPS.filter(([, cases]) => cases !== EARLIER).flatMap(([, cases]) => cases);
    expect(issue14.length).toBeGreaterThanOrEqual(60);
    for (const [, cases] of GROUPS) expect(cases.length).toBeGreaterThanOrEqual(10);
  });

  for (const [group, cases] of GROUPS) {
    describe(group, () => {
      for (const c of cases) {
        it(`${c.name} → exit 2`, async () => {
          for (const dir of c.dirs ?? []) await mkdir(join(project, dir), { recursive: true });
          for (const [file, content] of Object.entries(c.files ?? {})) await writeFile(join(project, file), content);
          for (const [file, target] of Object.entries(c.links ?? {})) {
            await rm(join(project, file), { force: true });
            await mkdir(dirname(join(project, file)), { recursive: true });
            await symlink(join(outside, target), join(project, file));
          }
          const before = await listing(project);
          for (const args of c.commands ?? [['validate'], RUN]) {
            const result = await runCli(args, { cwd: project, env: c.env ?? ENV });
            expect(result.stderr).toMatch(c.expected);
            expect(result.stderr).not.toMatch(/internal error|\n\s+at .+\(.+:\d+:\d+\)/);
            expect(result.code, result.stderr).toBe(2);
            expect(result.stdout).toBe('');
          }
          expect(await listing(project)).toEqual(before);
          expect(existsSync(join(project, 'reports'))).toBe(false);
        });
      }
    });
  }
});
