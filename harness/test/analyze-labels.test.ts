import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MetricsSchema } from '../src/evaluate/index.js';
import { REPO_ROOT, makeProject, removeProject, runCli } from './helpers.js';

const FIXTURE = join(REPO_ROOT, 'harness/test/fixtures/labelled');

describe('slotcheck analyze --labels', () => {
  let project: string;
  beforeEach(async () => {
    project = await makeProject({ from: FIXTURE });
  });
  afterEach(async () => removeProject(project));

  it('prints precision, recall and F1 per class at both levels, and the false alarms', async () => {
    const result = await runCli(['analyze', 'transcripts.jsonl', '--labels', 'labels.jsonl', '--out', 'out'], { cwd: project });
    expect(result.code).toBe(1);
    const rows = result.stdout.split('\n').map((line) => line.trim().split(/\s{2,}/));
    expect(rows).toContainEqual(['re-ask', 'conversation', '1.000', '0.500', '0.667', '1', '0', '1']);
    expect(rows).toContainEqual(['message', '1.000', '0.500', '0.667', '1', '0', '1']);
    expect(rows).toContainEqual(['premature-action', 'conversation', '0.500', '1.000', '0.667', '1', '1', '0']);
    expect(result.stdout).toContain('detector accuracy against labels.jsonl (7 labelled conversations scored)');
    expect(result.stdout).toContain('false alarms: 1 of 4 clean conversations flagged with any failure (25.0 %)');
  });

  it('writes the same figures to metrics.json in the run folder', async () => {
    await runCli(['analyze', 'transcripts.jsonl', '--labels', 'labels.jsonl', '--out', 'out'], { cwd: project });
    const metrics = MetricsSchema.parse(JSON.parse(await readFile(join(project, 'out/metrics.json'), 'utf8')));
    const reAsk = metrics.classes.find((c) => c.class === 're-ask')!;
    expect(reAsk.conversation).toMatchObject({ truePositives: 1, falsePositives: 0, falseNegatives: 1, recall: 0.5 });
    expect(metrics.falseAlarms).toEqual({ clean: 4, flagged: 1, rate: 0.25 });
    expect(metrics.scored).toBe(7);
  });

  it('counts conversations without a label and labels without a conversation, and scores the rest', async () => {
    const labels = (await readFile(join(project, 'labels.jsonl'), 'utf8')).split('\n').filter(Boolean);
    await writeFile(join(project, 'some.jsonl'), [...labels.slice(1), JSON.stringify({ id: 'not-in-the-file', failures: [] })].join('\n'));
    const result = await runCli(['analyze', 'transcripts.jsonl', '--labels', 'some.jsonl', '--out', 'out'], { cwd: project });
    expect(result.stdout).toContain('(6 labelled conversations scored; 1 without a label skipped; 1 label matches no conversation)');
  });

  it('a malformed labels file stops with file, line and field (exit 2) before anything is written', async () => {
    await writeFile(join(project, 'bad.jsonl'), `{"id": "lab-01-clean", "failures": []}\n{"id": "lab-02-re-ask", "failures": [{"class": "reask", "messageIndex": 3}]}\n`);
    const result = await runCli(['analyze', 'transcripts.jsonl', '--labels', 'bad.jsonl', '--out', 'out'], { cwd: project });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/bad\.jsonl:2: field "failures\.0\.class": .*re-ask/);
    expect(existsSync(join(project, 'out'))).toBe(false);
  });

  it('a labels line that is not JSON, or a conversation labelled twice, is an error naming the line', async () => {
    await writeFile(join(project, 'broken.jsonl'), '{"id": "a", "failures": []}\n{"id": "b", "failures": [\n');
    expect((await runCli(['analyze', 'transcripts.jsonl', '--labels', 'broken.jsonl'], { cwd: project })).stderr).toMatch(/broken\.jsonl:2: not valid JSON/);
    await writeFile(join(project, 'twice.jsonl'), '{"id": "a", "failures": []}\n{"id": "a", "failures": []}\n');
    const twice = await runCli(['analyze', 'transcripts.jsonl', '--labels', 'twice.jsonl'], { cwd: project });
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/twice\.jsonl:2: field "id": conversation "a" is already labelled on line 1/);
  });
});
