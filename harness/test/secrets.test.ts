import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAIServer, startHttpBotServer, type FakeServer, type HttpBotServer } from '../src/testing/index.js';
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

describe('a bot\'s ${VAR} secrets (headers, a token in the URL, module options) never reach a file, a report or the terminal', () => {
  const TOKEN = 'tok-SLOTCHECKBOTSECRET-9876543210';
  const TASK = 'task:\n  name: BookTable\n  slots: [{ name: date, type: date }]\n  actions: [{ name: book_table, required: [date], consequential: true }]\n';
  const headers = '  headers: { Authorization: "Bearer ${BOT_TOKEN}" }\n';
  let desk: HttpBotServer;
  let model: FakeServer;
  let project: string;
  const outputs: string[] = [];
  beforeAll(async () => {
    desk = await startHttpBotServer({ task: { name: 'BookTable', description: '', slots: [{ name: 'date', description: '' }], actions: [] }, recordRequests: true });
    // A prompt bot's own endpoint with the token in its path and as its key, echoing it back.
    model = await startFakeOpenAIServer({ recordRequests: true, responders: { echoing: () => ({ message: { role: 'assistant', content: `I was called with ${TOKEN}. What date?` } }) } });
    project = await mkdtemp(join(tmpdir(), 'slotcheck-bot-secrets-'));
    const bots: Record<string, string> = {
      // Echoes the URL (token in its path and query) and the Authorization header back in its text.
      leaky: `kind: http\nhttp:\n  url: \${DESK_URL}/echo/\${BOT_TOKEN}?token=\${BOT_TOKEN}\n${headers}${TASK}`,
      // Quotes them in an HTTP 500.
      rejecting: `kind: http\nhttp:\n  url: \${DESK_URL}/echo-error?token=\${BOT_TOKEN}\n${headers}${TASK}`,
      unreachable: `kind: http\nhttp:\n  url: http://127.0.0.1:1/chat/\${BOT_TOKEN}\n${headers}${TASK}`,
      module: `kind: module\nmodule: ./bot.mjs\noptions: { token: "\${BOT_TOKEN}" }\n${TASK}`,
      prompt: `model: echoing\nbaseURL: \${MODEL_URL}\napiKeyEnv: BOT_TOKEN\n${TASK}`,
    };
    for (const [name, yaml] of Object.entries(bots)) {
      await mkdir(join(project, 'bots', name), { recursive: true });
      await writeFile(join(project, 'bots', name, 'bot.yaml'), yaml);
      await mkdir(join(project, 'scenarios'), { recursive: true });
      await writeFile(join(project, 'scenarios', `${name}.yaml`), `bot: ${name}\ntoday: 2026-11-24\nuser:\n  goal: { date: 2026-12-05 }\n`);
    }
    await writeFile(join(project, 'bots/prompt/prompt.md'), 'Book a table.\n');
    await writeFile(join(project, 'bots/module/bot.mjs'), 'export default ({ options }) => ({ turns: 0, async respond() { if (this.turns++ > 0) throw new Error(`token ${options.token} refused`); return { messages: [{ role: "assistant", content: `my token is ${options.token}; what date?` }] }; } });\n');
    const env = { DESK_URL: desk.url, BOT_TOKEN: TOKEN, MODEL_URL: model.url.replace('/v1', `/${TOKEN}/v1`) };
    for (const args of [['run', '--cache', 'write', '--retries', '0', '--out', 'out'], ['validate']]) {
      const result = await runCli(args, { cwd: project, env });
      outputs.push(result.stdout, result.stderr);
    }
    // A template error quoting the line it is on: the token in that line must not show either.
    await writeFile(join(project, 'bots/leaky/bot.yaml'), `kind: http\nhttp:\n  url: \${DESK_URL}/echo\n  body: '{"key": "\${BOT_TOKEN}", {{#if}} }'\n${TASK}`);
    const broken = await runCli(['validate'], { cwd: project, env });
    expect(broken.code).toBe(2);
    outputs.push(broken.stdout, broken.stderr);
  });
  afterAll(async () => {
    await Promise.all([desk.close(), model.close()]);
    await removeProject(project);
  });

  it('the bots really got it and gave it back', () => {
    expect(desk.requests.some((r) => r.headers.authorization === `Bearer ${TOKEN}` && r.path.includes(`token=${TOKEN}`))).toBe(true);
    expect(model.requests.some((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it('no file the run wrote holds it: transcripts, failures, summary, reports, run.json, the call cache', async () => {
    const files = (await filesUnder(project)).filter((f) => !f.includes(`${join(project, 'bots')}`) && !f.includes(`${join(project, 'scenarios')}`));
    expect(files.some((f) => f.includes('.slotcheck-cache'))).toBe(true);
    for (const file of files) expect((await readFile(file, 'utf8')).includes(TOKEN.slice(0, 12)), file).toBe(false);
    const transcripts = await readFile(join(project, 'out/transcripts.jsonl'), 'utf8');
    expect(transcripts).toContain('You sent /echo/***?token=*** with Bearer ***');
    expect(transcripts).toContain('my token is ***');
    expect(transcripts).toMatch(/BOT_HTTP_STATUS.*HTTP 500.*Bearer \*\*\*/);
    expect(transcripts).toMatch(/BOT_MODULE_FAILED.*token \*\*\* refused/);
    expect(transcripts).toContain('I was called with ***');
    expect(JSON.parse(await readFile(join(project, 'out/run.json'), 'utf8')).endpoint).toContain('/***/v1');
  });

  it('stdout and stderr never show it', () => {
    expect(outputs.join('')).toMatch(/template error/);
    expect(outputs.join('\n')).not.toContain(TOKEN.slice(0, 12));
  });
});
