import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAIServer, startHttpBotServer, type FakeServer, type HttpBotServer } from '../src/testing/index.js';
import { makeProject, removeProject, runCli } from './helpers.js';

const KEY = 'sk-proj-SLOTCHECKFAKEKEY-0123456789abcdefghij';
/** A gateway token in the base URL's query, and credentials in custom headers (OPENAI_CUSTOM_HEADERS). */
const QUERY_TOKEN = 'qtok-SLOTCHECKQUERYTOKEN-9876543210';
const HEADER_KEY = 'hkey-SLOTCHECKHEADERKEY-55554444';
const BEARER = 'btok-SLOTCHECKBEARER-12121212';
const PASSWORD = 'pw-SLOTCHECKPASSWORD-777';
const HEADERS = `X-Gateway-Key: ${HEADER_KEY}\nX-Upstream-Auth: Bearer ${BEARER}`;
/** What a leak could look like: the whole secret, or the prefix SDK errors sometimes echo. */
const NEEDLES = [KEY, KEY.slice(0, 12), 'SLOTCHECKFAKEKEY', 'SLOTCHECKQUERYTOKEN', 'SLOTCHECKHEADERKEY', 'SLOTCHECKBEARER', 'SLOTCHECKPASSWORD'];

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
        // A gateway that echoes the whole request back: its URL with the query, and every header.
        echoing: (request, { url, headers }) => (request.messages.length > 3
          ? { message: { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'book_table', arguments: JSON.stringify({ name: url, date: String(headers?.['x-gateway-key']), time: String(headers?.['x-upstream-auth']), party_size: 2 }) } }] } }
          : { message: { role: 'assistant', content: `You called ${url} with ${JSON.stringify(headers)}. What date?` } }),
        // Its errors quote what it was sent.
        'echoing-rejecting': (_request, { url, headers }) => ({ status: 401, body: { error: { message: `No access for ${url} with ${String(headers?.['x-gateway-key'])} / ${String(headers?.['x-upstream-auth'])}` } } }),
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
    // A token in the query and credentials in custom headers, against an endpoint that echoes them; then the
    // guide seeded from that run, and `example` (npm start), which names the endpoint on stdout.
    const gateway = { OPENAI_BASE_URL: `${server.url}?api-key=${QUERY_TOKEN}&api-version=2024-06-01`, OPENAI_CUSTOM_HEADERS: HEADERS };
    for (const args of [['run', '--model', 'echoing', '--cache', 'write', '--out', 'echoed'], ['run', '--model', 'echoing-rejecting', '--out', 'echo-rejected']]) {
      const result = await runCli(args, { cwd: project, env: gateway });
      outputs.push(result.stdout, result.stderr);
    }
    const refined = await runCli(['refine', '--run', 'echoed'], { cwd: project, env: {} });
    outputs.push(refined.stdout, refined.stderr);
    const example = await runCli(['example', '--model', 'careful'], { cwd: project, env: { ...gateway, OPENAI_BASE_URL: gateway.OPENAI_BASE_URL.replace('http://', `http://ada:${PASSWORD}@`) } });
    outputs.push(example.stdout, example.stderr);
    const malformed = await runCli(['run', '--model', 'careful'], { cwd: project, env: { OPENAI_BASE_URL: `gateway.example/v1?api-key=${QUERY_TOKEN}` } });
    expect(malformed.code).toBe(2);
    outputs.push(malformed.stdout, malformed.stderr);
  });
  afterAll(async () => {
    await server.close();
    await removeProject(project);
  });

  it('the runs really met the key: it was sent, echoed back, and quoted in errors', () => {
    expect(server.requests.some((r) => r.headers.authorization === `Bearer ${KEY}`)).toBe(true);
  });

  it('the query token and the custom headers reached the endpoint (the query as a query, not glued to the path)', () => {
    const echoed = server.requests.filter((r) => r.body.model === 'echoing');
    expect(echoed.length).toBeGreaterThan(0);
    for (const r of echoed) {
      expect(r.url).toBe(`/v1/chat/completions?api-key=${QUERY_TOKEN}&api-version=2024-06-01`);
      expect(r.headers['x-gateway-key']).toBe(HEADER_KEY);
      expect(r.headers['x-upstream-auth']).toBe(`Bearer ${BEARER}`);
    }
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
    expect(JSON.parse(await readFile(join(project, 'echoed/run.json'), 'utf8')).endpoint).toBe(server.url);
    const echoed = await readFile(join(project, 'echoed/transcripts.jsonl'), 'utf8');
    // The secrets are blanked, not what is around them: a plain setting like the API version stays readable.
    expect(echoed).toContain('api-key=***&api-version=2024-06-01');
    expect(echoed).toContain('"x-gateway-key\\":\\"***\\"');
    expect(await readFile(join(project, 'echo-rejected/transcripts.jsonl'), 'utf8')).toContain('MODEL_AUTH');
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
