import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, useServerProject } from './helpers.js';

/** `run --only` and `--tag` pick scenarios; what they pick is recorded in run.json so `--resume` picks the same. */
describe('picking scenarios: --only and --tag', () => {
  const t = useServerProject();
  beforeAll(async () => {
    for (const [file, tags] of [['all-at-once', '[quick, volunteered]'], ['not-yet', '[quick]'], ['changes-the-time', '[corrections]']] as const) {
      const path = join(t.project, 'scenarios/restaurant', `${file}.yaml`);
      await writeFile(path, `${await readFile(path, 'utf8')}tags: ${tags}\n`);
    }
  });

  const scenariosRun = async (out: string) => {
    const summary = JSON.parse(await readFile(join(t.project, out, 'summary.json'), 'utf8')) as { scenarios: Array<{ id: string }>; plan: { tags?: string[]; only?: string[] } };
    return { ids: summary.scenarios.map((s) => s.id), plan: summary.plan };
  };

  it('--tag runs the scenarios with any of the tags given, and records them in the plan', async () => {
    const result = await runCli(['run', '--model', 'careful', '--tag', 'quick', '--tag', 'corrections', '--out', 'by-tag', '--no-history'], { cwd: t.project, env: t.env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const { ids, plan } = await scenariosRun('by-tag');
    expect(ids).toEqual(['all-at-once', 'changes-the-time', 'not-yet']);
    expect(plan.tags).toEqual(['quick', 'corrections']);
  });

  it('--only runs the named scenarios; with --tag, a scenario must match both', async () => {
    expect((await runCli(['run', '--model', 'careful', '--only', 'dinner-for-four,not-yet', '--out', 'by-id', '--no-history'], { cwd: t.project, env: t.env })).code).toBe(0);
    expect((await scenariosRun('by-id')).ids).toEqual(['dinner-for-four', 'not-yet']);
    expect((await runCli(['run', '--model', 'careful', '--only', 'dinner-for-four,not-yet', '--tag', 'quick', '--out', 'both', '--no-history'], { cwd: t.project, env: t.env })).code).toBe(0);
    expect((await scenariosRun('both')).ids).toEqual(['not-yet']);
  });

  it('a tag no scenario has, or an unknown id, is a usage error naming what exists, before anything is written', async () => {
    const tag = await runCli(['run', '--model', 'careful', '--tag', 'nightly', '--out', 'none'], { cwd: t.project, env: t.env });
    expect(tag.code).toBe(2);
    expect(tag.stderr).toMatch(/no scenario has tag nightly \(tags in this suite: corrections, quick, volunteered\)/);
    const id = await runCli(['run', '--model', 'careful', '--only', 'al-at-once', '--out', 'none'], { cwd: t.project, env: t.env });
    expect(id.code).toBe(2);
    expect(id.stderr).toMatch(/unknown scenario id al-at-once \(known: all-at-once,/);
    await expect(readFile(join(t.project, 'none', 'run.json'))).rejects.toThrow();
  });

  it('two scenario files with the same id: the error names both files and how to fix it', async () => {
    await writeFile(join(t.project, 'scenarios/copy.yaml'), 'id: not-yet\nbot: restaurant\nuser:\n  goal: { date: 2026-12-05 }\n');
    try {
      const result = await runCli(['validate'], { cwd: t.project });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/scenario id "not-yet" is already used by scenarios\/copy\.yaml; ids must be unique in the suite you run: give one of them its own `id:` \(e\.g\. "restaurant-not-yet"\) or rename the file/);
    } finally {
      await writeFile(join(t.project, 'scenarios/copy.yaml'), 'id: copy\nbot: restaurant\nuser:\n  goal: { date: 2026-12-05 }\n');
    }
  });
});
