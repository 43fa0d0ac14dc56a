import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAIServer, type FakeServer } from '../src/testing/index.js';
import { makeProject, removeProject, runCli } from './helpers.js';

const KEY = 'sk-proj-SLOTCHECKFAKEKEY-0123456789abcdefghij';
/** What a leak could look like: the whole key, or the prefix SDK errors sometimes echo. */
const NEEDLES = [KEY, KEY.slice(0, 12), 'SLOTCHECKFAKEKEY'];

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('the API key never reaches a file, a report or the terminal', () => {
  let server: FakeServer;
  let project: string;
  const outputs: string[] = [];
  beforeAll(async () => {
    server = await startFakeOpenAIServer({
      recordRequests: true,
      responders: {
        // An endpoint that echoes the key back, in text and in tool arguments.
        leaky: (request) => (request.messages.length > 3
          ? { message: { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'book_table', arguments: JSON.stringify({ name: KEY }) } }] } }
          : { message: { role: 'assistant', content: `Your key is ${KEY}. What date?` } }),
        // An endpoint whose errors quote the key, as some gateways do.
        rejecting: () => ({ status: 401, body: { error: { message: `Incorrect API key provided: ${KEY}. You can find your API key at …` } } }),
        failing: () => ({ status: 500, body: { error: { message: `upstream failed for key ${KEY}` } } }),
      },
    });
    project = await makeProject();
    const env = { OPENAI_BASE_URL: server.url, OPENAI_API_KEY: KEY };
    const runs = [
      ['run', '--model', 'leaky', '--cache', 'write', '--out', 'leaky'],
      ['run', '--model', 'rejecting', '--out', 'rejecting'],
      ['run', '--model', 'failing', '--retries', '1', '--out', 'failing'],
    ];
    for (const args of runs) {
      const result = await runCli(args, { cwd: project, env });
      outputs.push(result.stdout, result.stderr);
    }
    // A credential in the base URL itself (user-info): it must not be kept as the run's endpoint.
    const inUrl = await runCli(['run', '--model', 'careful', '--retries', '0', '--out', 'in-url'], { cwd: project, env: { OPENAI_BASE_URL: server.url.replace('http://', `http://user:${KEY}@`) } });
    outputs.push(inUrl.stdout, inUrl.stderr);
  });
  afterAll(async () => {
    await server.close();
    await removeProject(project);
  });

  it('the runs really met the key: it was sent, echoed back, and quoted in errors', () => {
    expect(server.requests.some((r) => r.headers.authorization === `Bearer ${KEY}`)).toBe(true);
  });

  it('no file the runs wrote (transcripts, failures, summaries, reports, run.json, the call cache) holds it', async () => {
    const files = await filesUnder(project);
    const written = files.filter((f) => !f.includes(`${join(project, 'bots')}`) && !f.includes(`${join(project, 'scenarios')}`));
    expect(written.filter((f) => f.includes('.slotcheck-cache')).length).toBeGreaterThan(0);
    expect(written.some((f) => f.endsWith('report.md'))).toBe(true);
    for (const file of written) {
      const text = await readFile(file, 'utf8');
      for (const needle of NEEDLES) expect(text.includes(needle), `${file} contains ${needle}`).toBe(false);
    }
  });

  it('stdout and stderr never show it', () => {
    expect(outputs.join('').length).toBeGreaterThan(0);
    for (const needle of NEEDLES) expect(outputs.join('\n')).not.toContain(needle);
  });

  it('the errors still say what went wrong', async () => {
    const rejected = (await readFile(join(project, 'rejecting/transcripts.jsonl'), 'utf8')).split('\n')[0]!;
    expect(JSON.parse(rejected).error).toMatchObject({ code: 'MODEL_AUTH', blame: 'infrastructure' });
    expect(rejected).toContain('***');
    expect(await readFile(join(project, 'leaky/transcripts.jsonl'), 'utf8')).toContain('Your key is ***');
    expect(JSON.parse(await readFile(join(project, 'in-url/run.json'), 'utf8')).endpoint).toBe(server.url);
  });
});
