import { spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { Capture, CLI_BIN, REPO_ROOT, removeProject, runCli, useServerAndProject } from './helpers.js';

const EXAMPLES = join(REPO_ROOT, 'harness/examples/conversations.jsonl');

/** A stdout whose reader went away: every write fails with EPIPE, as `| head -1` makes it. */
class ClosedPipe extends Writable {
  isTTY = false;
  override _write(_chunk: Buffer, _encoding: string, done: (error?: Error) => void): void {
    done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
  }
}

describe('what the terminal and the reports show', () => {
  const ctx = useServerAndProject();

  it('a stdout closed early (| head -1) is quiet: the exit code stays the run\'s (in-process and the real binary)', async () => {
    const stderr = new Capture();
    const code = await main(['analyze', EXAMPLES, '--out', 'piped', '--no-history'], { env: {}, cwd: ctx.project, stdout: new ClosedPipe(), stderr });
    expect(code).toBe(1);
    expect(stderr.text).toBe('');
    const child = spawn(process.execPath, [CLI_BIN, 'analyze', EXAMPLES, '--out', 'piped-bin', '--no-history'], { cwd: ctx.project, env: { PATH: process.env.PATH }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let childErr = '';
    child.stderr.on('data', (c: Buffer) => (childErr += c.toString()));
    const exit = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(childErr).not.toMatch(/EPIPE|internal error/);
    expect(exit).toBe(1);
  });

  it('when conversations error, each error code is printed with one message; when nothing was judged it says so, not "0 %"', async () => {
    const result = await runCli(['run', '--model', 'no-such-model', '--retries', '0', '--out', 'unknown-model', '--no-history'], { cwd: ctx.project, env: { OPENAI_BASE_URL: ctx.server.url } });
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/^0 passed, 0 failed, 6 errors of 6 conversations$/m);
    expect(result.stdout).toMatch(/^error MODEL_\w+ ×6 \(infrastructure\): .*HTTP 404.*The model `no-such-model` does not exist/m);
    expect(result.stdout).toMatch(/^nothing was judged: no conversation completed, so there is no pass rate/m);
    const report = await readFile(join(ctx.project, 'unknown-model/report.md'), 'utf8');
    expect(report).toMatch(/Nothing was judged: no conversation completed/);
    expect(report).not.toMatch(/Pass rate 0 %/);
    expect(JSON.parse(await readFile(join(ctx.project, 'unknown-model/summary.json'), 'utf8')).errorsByCode).toMatchObject({ [/error (MODEL_\w+)/.exec(result.stdout)![1]!]: { count: 6, blame: 'infrastructure' } });
    expect(await readFile(join(ctx.project, 'unknown-model/report.html'), 'utf8')).toMatch(/<span class="n">–<\/span><span class="l">pass rate/);
  });

  it('npm start with a model prints each path once, in one form: relative inside the project, absolute outside', async () => {
    const started = await runCli(['example', '--model', 'careful'], { cwd: ctx.project, env: { OPENAI_BASE_URL: ctx.server.url } });
    expect(started.stdout.match(/^html: /gm)).toHaveLength(1);
    expect(started.stdout).toMatch(/^report: reports\/[^/]+\/report\.md$/m);
    expect(started.stdout).toMatch(/^html: reports\/[^/]+\/report\.html$/m);
    const outside = join(tmpdir(), `slotcheck-outside-${process.pid}-${Date.now()}`);
    const away = await runCli(['analyze', EXAMPLES, '--out', outside, '--no-history'], { cwd: ctx.project, env: {} });
    expect(away.stdout).toContain(`report: ${join(outside, 'report.md')}\n`);
    expect(away.stdout).toContain(`html: ${join(outside, 'report.html')}\n`);
    await removeProject(outside);
  });

  it('report.md escapes raw HTML from transcripts; report.html and failures.csv show NUL and other invisible characters as escapes', async () => {
    const line = (await readFile(EXAMPLES, 'utf8')).split('\n').find((l) => l.includes('example-09-missing-action'))!;
    const conversation = JSON.parse(line) as { id: string; messages: Array<{ content: string }> };
    conversation.id = 'x`<b>id</b>';
    conversation.messages[5]!.content = 'Done! Your table has been booked.\u0000 <img src=x onerror=alert(1)> \u202eevil';
    await writeFile(join(ctx.project, 'hostile.jsonl'), `${JSON.stringify(conversation)}\n`);
    const result = await runCli(['analyze', 'hostile.jsonl', '--out', 'hostile', '--no-history'], { cwd: ctx.project, env: {} });
    expect(result.code).toBe(1);
    const md = await readFile(join(ctx.project, 'hostile/report.md'), 'utf8');
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(md).not.toMatch(/<img|<b>/);
    expect(md).toContain('\\x00');
    for (const file of ['report.md', 'report.html', 'failures.csv', 'junit.xml']) {
      const text = await readFile(join(ctx.project, 'hostile', file), 'utf8');
      expect(text, file).not.toMatch(/[\u0000\u202e]/);
      expect(text, file).toContain('\\x00');
      expect(text, file).toContain('\\u202e');
    }
    expect(await readdir(join(ctx.project, 'hostile'))).toContain('failures.csv');
  });
});
