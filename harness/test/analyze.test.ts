import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT, makeProject, readJsonl, removeProject, runCli } from './helpers.js';

const EXAMPLES = join(REPO_ROOT, 'harness/examples/conversations.jsonl');

describe('slotcheck analyze on recorded conversations', () => {
  let project: string;
  beforeEach(async () => {
    project = await makeProject();
  });
  afterEach(async () => removeProject(project));

  it('finds the example failures with message indices and writes all outputs', async () => {
    const result = await runCli(['analyze', EXAMPLES, '--out', 'out'], { cwd: project });
    expect(result.code).toBe(1);
    const failures = await readJsonl<{ conversationId: string; class: string; messageIndex: number; slot?: string }>(join(project, 'out/failures.jsonl'));
    const found = failures.map((f) => `${f.conversationId} ${f.class} ${f.messageIndex}${f.slot ? ` ${f.slot}` : ''}`);
    expect(found).toContain('example-02-re-ask re-ask 3 time');
    expect(found).toContain('example-03-premature-action premature-action 5');
    expect(found).toContain('example-06-re-ask-and-premature re-ask 1 party_size');
    expect(found).toContain('example-06-re-ask-and-premature premature-action 5');
    expect(found.filter((f) => f.startsWith('example-04'))).toEqual(['example-04-confirmation-as-go-ahead confirmation-as-go-ahead 3']);
    expect(found.filter((f) => f.startsWith('example-07'))).toEqual(['example-07-ignored-correction ignored-correction 3 time']);
    expect(found.filter((f) => f.startsWith('example-08'))).toEqual(['example-08-invented-value invented-value 5 name']);
    expect(found.filter((f) => f.startsWith('example-09'))).toEqual(['example-09-missing-action missing-action 5']);
    // 10 and 11 carry the simulator's user acts (re-analysed runs): the classes that need ground truth judge them.
    expect(found.filter((f) => f.startsWith('example-10'))).toEqual(['example-10-wrong-value-simulated wrong-value 5 date']);
    expect(found).toContain('example-11-turn-budget-simulated turn-budget 7 time');
    // The user approved paying the rent to the payee shown, not a sum nobody stated: one finding, naming the argument.
    expect(found.filter((f) => f.startsWith('example-12'))).toEqual(['example-12-unapproved-detail unapproved-detail 3 amount']);
    expect(found.filter((f) => f.startsWith('example-01-clean'))).toEqual([]);
    expect(found.filter((f) => f.startsWith('example-05-correction-then-legitimate-re-ask'))).toEqual([]);
    const summary = JSON.parse(await readFile(join(project, 'out/summary.json'), 'utf8'));
    expect(summary.kind).toBe('analyze');
    expect(summary.totals.conversations).toBe(12);
    const report = await readFile(join(project, 'out/report.md'), 'utf8');
    expect(report).toContain('example-02-re-ask');
    expect((await readJsonl(join(project, 'out/transcripts.jsonl'))).length).toBe(12);
  });

  it('reads CSV with conversation_id, role, content and a --task file', async () => {
    const csv = [
      'conversation_id,role,content',
      'c1,user,"Hi, a table for 2 on December 3rd at 7 pm please."',
      'c1,assistant,What time would you like?',
      'c1,user,7 pm.',
      'c2,user,"Table for 2 on December 3rd at 7 pm, name Ken."',
      'c2,assistant,"To confirm: a table for 2 on December 3 at 7 pm under Ken. Is that correct?"',
      'c2,user,Yes.',
    ].join('\n');
    await writeFile(join(project, 'log.csv'), csv);
    const result = await runCli(['analyze', 'log.csv', '--task', 'bots/restaurant/bot.yaml', '--out', 'out'], { cwd: project });
    expect(result.code).toBe(1);
    const failures = await readJsonl<{ conversationId: string; class: string; messageIndex: number; slot?: string }>(join(project, 'out/failures.jsonl'));
    expect(failures.map((f) => [f.conversationId, f.class, f.messageIndex, f.slot])).toEqual([['c1', 're-ask', 1, 'time']]);
  });

  it('a CSV row with a bad role names the line and field', async () => {
    await writeFile(join(project, 'log.csv'), 'conversation_id,role,content\nc1,user,hello\nc1,robot,beep\n');
    const result = await runCli(['analyze', 'log.csv', '--task', 'bots/restaurant/bot.yaml'], { cwd: project });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/log\.csv:3: field "role"/);
  });

  it('a conversation without a task and no --task is an error naming the line', async () => {
    await writeFile(join(project, 'log.jsonl'), `${JSON.stringify({ id: 'a', messages: [{ role: 'user', content: 'hi' }] })}\n`);
    const result = await runCli(['analyze', 'log.jsonl'], { cwd: project });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/log\.jsonl:1: conversation "a" has no "task"; pass --task FILE/);
  });

  it('an invalid JSONL line fails before anything is written', async () => {
    const good = (await readFile(EXAMPLES, 'utf8')).split('\n')[0];
    await writeFile(join(project, 'log.jsonl'), `${good}\n{"id": "b", "messages": [{"role": "user"}]}\n`);
    const result = await runCli(['analyze', 'log.jsonl', '--out', 'out'], { cwd: project });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/log\.jsonl:2: field "messages\.0\.content"/);
    expect(await readJsonl(join(project, 'out/transcripts.jsonl'))).toEqual([]);
  });

  it('re-analyses a run\'s own transcript in which the bot called a tool it was not offered (the run recorded it; a log would be refused)', async () => {
    const line = JSON.parse((await readFile(EXAMPLES, 'utf8')).split('\n')[0]!) as { messages: unknown[]; userActs?: unknown };
    line.messages.push({ role: 'assistant', content: null, tool_calls: [{ id: 'x1', type: 'function', function: { name: 'send_flowers', arguments: '{}' } }] });
    line.messages.push({ role: 'tool', tool_call_id: 'x1', content: '{"error": "unknown tool \\"send_flowers\\""}' });
    await writeFile(join(project, 'log.jsonl'), `${JSON.stringify(line)}\n`);
    expect((await runCli(['analyze', 'log.jsonl', '--out', 'log'], { cwd: project })).code).toBe(2);
    line.userActs = { 0: [{ act: 'INFORM', slot: 'party_size', value: 4 }] };
    await writeFile(join(project, 'run.jsonl'), `${JSON.stringify(line)}\n`);
    const rerun = await runCli(['analyze', 'run.jsonl', '--out', 'rerun'], { cwd: project });
    expect(rerun.stderr).toBe('');
    expect([0, 1]).toContain(rerun.code);
  });
});
