import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeProject, removeProject, runCli } from './helpers.js';

const ENV = { OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' };

describe('bad input: a clear error with file, line and field, exit 2, nothing written', () => {
  let project: string;
  beforeEach(async () => {
    project = await makeProject();
  });
  afterEach(async () => removeProject(project));

  const cases: Array<{ name: string; file: string; text: string; expected: RegExp }> = [
    {
      name: 'a wrong type',
      file: 'scenarios/broken.yaml',
      text: 'bot: restaurant\nuser:\n  goal: { date: 2026-12-05 }\nexpect:\n  maxTurns: many\n',
      expected: /^slotcheck: scenarios\/broken\.yaml:5: field "expect\.maxTurns": .*number/m,
    },
    {
      name: 'an unknown field',
      file: 'scenarios/broken.yaml',
      text: 'bot: restaurant\nuser:\n  goal: { date: 2026-12-05 }\n  colour: blue\n',
      expected: /^slotcheck: scenarios\/broken\.yaml:4: field "user\.colour": unknown field "colour"/m,
    },
    {
      name: 'a slot the bot does not have',
      file: 'scenarios/broken.yaml',
      text: 'bot: restaurant\nuser:\n  goal:\n    date: 2026-12-05\n    shoe_size: 44\n',
      expected: /^slotcheck: scenarios\/broken\.yaml:5: field "user\.goal\.shoe_size": slot "shoe_size" is not in bot "restaurant"'s task/m,
    },
    {
      name: 'an unknown bot',
      file: 'scenarios/broken.yaml',
      text: 'user:\n  goal: { date: 2026-12-05 }\nbot: nobody\n',
      expected: /^slotcheck: scenarios\/broken\.yaml:3: field "bot": bot "nobody" not found/m,
    },
    {
      name: 'malformed YAML',
      file: 'scenarios/broken.yaml',
      text: 'bot: restaurant\nuser:\n  goal: { date: 2026-12-05\n',
      expected: /^slotcheck: scenarios\/broken\.yaml:\d+: /m,
    },
    {
      name: 'malformed JSON',
      file: 'scenarios/broken.json',
      text: '{\n  "bot": "restaurant",\n  "user": { "goal": { "date": "2026-12-05" } },,\n}\n',
      expected: /^slotcheck: scenarios\/broken\.json:3: /m,
    },
    {
      name: 'a duplicate scenario id',
      file: 'scenarios/copy.yaml',
      text: 'id: dinner-for-four\nbot: restaurant\nuser:\n  goal: { date: 2026-12-05 }\n',
      expected: /^slotcheck: scenarios\/restaurant\/dinner-for-four\.yaml:1: scenario id "dinner-for-four" is already used by scenarios\/copy\.yaml/m,
    },
  ];

  for (const c of cases) {
    it(`${c.name} → exit 2 and file:line`, async () => {
      await writeFile(join(project, c.file), c.text);
      const validate = await runCli(['validate'], { cwd: project });
      expect(validate.code).toBe(2);
      expect(validate.stderr).toMatch(c.expected);
      const run = await runCli(['run', '--model', 'careful'], { cwd: project, env: ENV });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(c.expected);
      expect(existsSync(join(project, 'reports')) ? await readdir(join(project, 'reports')) : []).toEqual([]);
    });
  }

  it('a template error in the prompt names the prompt file and line', async () => {
    await writeFile(join(project, 'bots/restaurant/prompt.md'), 'Hello.\nToday is {{todya}}.\n');
    const result = await runCli(['validate'], { cwd: project });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/bots\/restaurant\/prompt\.md:2: template error: "todya" not defined/);
  });

  it('an unknown detector id lists the known ones', async () => {
    const result = await runCli(['run', '--model', 'careful', '--detectors', 're-ask,nonsense'], { cwd: project, env: ENV });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown detector "nonsense"; known: re-ask, premature-action/);
  });

  it('unknown options are usage errors (exit 2)', async () => {
    const result = await runCli(['run', '--trails', '3'], { cwd: project, env: ENV });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown option '--trails'/);
  });

  it('running without a model configured says how to configure one (exit 2)', async () => {
    const result = await runCli(['run'], { cwd: project, env: {} });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/OPENAI_BASE_URL/);
  });
});
