import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeProject, readJsonl, removeProject, REPO_ROOT, runCli, useServerProject } from './helpers.js';

const GENERATED = 'scenarios/restaurant/generated';

/**
 * `slotcheck scenarios generate`: files that validate and read like the
 * hand-written ones, the same every time, and a suite that, run against the
 * scripted bots, shows every failure class they can show on the task.
 */
describe('scenarios generate', () => {
  const t = useServerProject();
  beforeAll(async () => {
    await runCli(['scenarios', 'generate', '--bot', 'restaurant'], { cwd: t.project });
  });

  const classesOf = async (scenarios: string, model: string, cwd = t.project) => {
    const out = `out-${model}-${scenarios.replace(/\W/g, '')}`;
    const run = await runCli(['run', scenarios, '--model', model, '--out', out, '--no-history'], { cwd, env: t.env });
    expect(run.stderr).toBe('');
    const failures = await readJsonl<{ class: string }>(join(cwd, out, 'failures.jsonl'));
    return { code: run.code, classes: [...new Set(failures.map((f) => f.class))].sort() };
  };

  it('writes pairwise-selected files that validate, with the schema comment and a stable id from the cell', async () => {
    const files = (await readdir(join(t.project, GENERATED))).sort();
    expect(files.length).toBeGreaterThanOrEqual(12);
    expect(files.length).toBeLessThanOrEqual(30);
    expect(await runCli(['validate', GENERATED], { cwd: t.project })).toMatchObject({ code: 0, stdout: `ok: ${files.length} scenarios, 1 bot (restaurant)\n` });
    const text = await readFile(join(t.project, GENERATED, 'restaurant-vol-date-time-party_size-name.yaml'), 'utf8');
    const schema = /^# yaml-language-server: \$schema=(\S+)\n/.exec(text)?.[1];
    expect(resolve(join(t.project, GENERATED), schema!)).toBe(join(REPO_ROOT, 'harness/schemas/scenario.schema.json'));
    expect(text).toContain('\nid: restaurant-vol-date-time-party_size-name\nbot: restaurant\n');
    expect(text).toContain('  goal: { date: 2026-12-05, time: "19:30", party_size: 4, name: Ada }\n');
    // Every file's id is its name, and the corrections, refusals and tool outcomes all occur somewhere.
    const all = await Promise.all(files.map((f) => readFile(join(t.project, GENERATED, f), 'utf8')));
    files.forEach((f, i) => expect(all[i]).toContain(`\nid: ${f.replace(/\.yaml$/, '')}\n`));
    for (const needle of ['when: next-turn', 'when: at-confirmation', 'goAhead: never', 'action: null', 'confirmation: affirm-and-go-ahead', '  book_table:\n    - { error: ', '    - { sequence: [ { error: ']) {
      expect(all.some((t) => t.includes(needle)), needle).toBe(true);
    }
  });

  it('is deterministic: generating again changes nothing; --all is the full product', async () => {
    const before = await readdir(join(t.project, GENERATED));
    const again = await runCli(['scenarios', 'generate', '--bot', 'restaurant'], { cwd: t.project });
    expect(again.stdout).toMatch(new RegExp(`^${before.length} scenarios \\(every pair of levels; the full product has (\\d+)\\) in ${GENERATED}: 0 written, ${before.length} unchanged, 0 removed\\n$`));
    await writeFile(join(t.project, 'small.yaml'), 'give: { date: [asked], time: [asked] }\ncorrections: { slots: [none, time] }\ntoolOutcomes: [success]\n');
    const pairs = await runCli(['scenarios', 'generate', '--bot', 'restaurant', '--matrix', 'small.yaml', '--out', 'pairs'], { cwd: t.project });
    const product = Number(/the full product has (\d+)/.exec(pairs.stdout)![1]);
    // party_size and name × 2 levels each, 1 + 2 corrections of the time, 3 policy combinations (never-and-yes is left out).
    expect(product).toBe(2 * 2 * 3 * 3);
    const all = await runCli(['scenarios', 'generate', '--bot', 'restaurant', '--matrix', 'small.yaml', '--all', '--out', 'all'], { cwd: t.project });
    expect(all.stdout).toMatch(new RegExp(`^${product} scenarios \\(every combination\\)`));
    expect(await readdir(join(t.project, 'all'))).toHaveLength(product);
  });

  it('run against the scripted bots: the careful bot passes every scenario, and the others show every class they can', async () => {
    expect(await classesOf(GENERATED, 'careful')).toEqual({ code: 0, classes: [] });
    const found = new Set<string>();
    for (const model of ['eager', 'forgetful', 'rubber-stamp', 'stubborn', 'sloppy', 'boaster', 'looping']) for (const c of (await classesOf(GENERATED, model)).classes) found.add(c);
    // The scripted inventive bot fills only slots the action does not need, and the restaurant's needs every one (see the bistro below).
    expect([...found].sort()).toEqual(['confirmation-as-go-ahead', 'ignored-correction', 'missing-action', 'premature-action', 're-ask', 'turn-budget', 'wrong-value']);
  });

  it('a task with an optional slot gets users who leave it out, and an inventing bot shows invented-value', async () => {
    const fixture = await makeProject({ from: join(REPO_ROOT, 'harness/test/fixtures/failure-classes') });
    try {
      const generated = await runCli(['scenarios', 'generate', '--bot', 'bistro', '--out', 'gen'], { cwd: fixture });
      expect(generated.code).toBe(0);
      expect((await readdir(join(fixture, 'gen'))).some((f) => f.includes('-out-seating'))).toBe(true);
      expect(await classesOf('gen', 'careful', fixture)).toEqual({ code: 0, classes: [] });
      expect((await classesOf('gen', 'inventive', fixture)).classes).toEqual(['invented-value']);
    } finally {
      await removeProject(fixture);
    }
  });

  it('--matrix narrows the factors; a regeneration removes its own stale files and never a hand-written one', async () => {
    await writeFile(join(t.project, 'matrix.yaml'), 'give: { date: [asked] }\ncorrections: { slots: [none] }\nconfirmation: [affirm]\ngoAhead: [when-asked]\ntoolOutcomes: [success, retry]\n');
    const mine = join(t.project, GENERATED, 'my-own.yaml');
    await writeFile(mine, 'bot: restaurant\nuser:\n  goal: { date: 2026-12-05 }\n');
    const result = await runCli(['scenarios', 'generate', '--bot', 'restaurant', '--matrix', 'matrix.yaml'], { cwd: t.project });
    expect(result.code).toBe(0);
    const files = (await readdir(join(t.project, GENERATED))).filter((f) => f !== 'my-own.yaml');
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(f).toMatch(/^restaurant-vol-(?!date)[a-z_-]*?(-tool-retry)?\.yaml$/);
    expect(files.some((f) => f.endsWith('-tool-retry.yaml'))).toBe(true);
    expect(existsSync(mine)).toBe(true);
    expect(result.stdout).toMatch(/ removed\n(  [+-] .*\n)+$/);
  });

  it('a matrix naming what the task does not have is bad input with file, line and field, and writes nothing', async () => {
    await writeFile(join(t.project, 'bad-matrix.yaml'), 'give:\n  date: [asked]\n  shoe_size: [volunteered]\n');
    const result = await runCli(['scenarios', 'generate', '--bot', 'restaurant', '--matrix', 'bad-matrix.yaml', '--out', 'never'], { cwd: t.project });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^slotcheck: bad-matrix\.yaml:3: field "give\.shoe_size": "shoe_size" is not a slot of action "book_table" \(its slots: date, time, party_size, name\)/m);
    expect(existsSync(join(t.project, 'never'))).toBe(false);
    await writeFile(join(t.project, 'bad-level.yaml'), 'goAhead: [when-asked, sometimes]\n');
    const level = await runCli(['scenarios', 'generate', '--bot', 'restaurant', '--matrix', 'bad-level.yaml', '--out', 'never'], { cwd: t.project });
    expect(level.code).toBe(2);
    expect(level.stderr).toMatch(/^slotcheck: bad-level\.yaml:1: field "goAhead.1": Invalid option/m);
    const today = await runCli(['scenarios', 'generate', '--bot', 'restaurant', '--today', '2026-02-30', '--out', 'never'], { cwd: t.project });
    expect(today).toMatchObject({ code: 2, stderr: expect.stringMatching(/'2026-02-30' is invalid\. expected a date as YYYY-MM-DD/) });
    expect(existsSync(join(t.project, 'never'))).toBe(false);
  });
});
