import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProject, REPO_ROOT, removeProject, runCli } from './helpers.js';

const BOM = '\uFEFF';

/** What editors on Windows write is accepted: a UTF-8 byte-order mark is not part of the text. */
describe('a UTF-8 byte-order mark is accepted everywhere', () => {
  let project: string;
  beforeAll(async () => {
    project = await makeProject();
  });
  afterAll(async () => removeProject(project));

  it('in a scenario, bot.yaml and prompt.md', async () => {
    for (const file of ['scenarios/restaurant/all-at-once.yaml', 'bots/restaurant/bot.yaml', 'bots/restaurant/prompt.md']) {
      await writeFile(join(project, file), BOM + (await readFile(join(project, file), 'utf8')));
    }
    const result = await runCli(['validate'], { cwd: project, env: {} });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('at the start of a JSONL log and of a CSV log, with the same findings as without', async () => {
    const examples = await readFile(join(REPO_ROOT, 'harness/examples/conversations.jsonl'), 'utf8');
    await writeFile(join(project, 'plain.jsonl'), examples);
    await writeFile(join(project, 'bom.jsonl'), BOM + examples);
    const plain = await runCli(['analyze', 'plain.jsonl', '--out', 'plain', '--no-history'], { cwd: project, env: {} });
    const bom = await runCli(['analyze', 'bom.jsonl', '--out', 'bom', '--no-history'], { cwd: project, env: {} });
    expect(bom.stderr).toBe('');
    expect(bom.code).toBe(plain.code);
    expect(await readFile(join(project, 'bom/failures.jsonl'), 'utf8')).toBe(await readFile(join(project, 'plain/failures.jsonl'), 'utf8'));
    await writeFile(join(project, 'bom.csv'), `${BOM}conversation_id,role,content\na,user,"A table for 2, please."\na,assistant,For when?\n`);
    const csv = await runCli(['analyze', 'bom.csv', '--task', 'bots/restaurant/bot.yaml', '--out', 'csv', '--no-history'], { cwd: project, env: {} });
    expect(csv.stderr).toBe('');
    expect(csv.code).toBe(0);
  });
});
