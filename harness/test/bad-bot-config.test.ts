import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpBotServer, type HttpBotServer } from '../src/testing/index.js';
import { readJsonl, removeProject, runCli } from './helpers.js';

const TASK = `task:
  name: BookTable
  slots: [{ name: date, type: date }, { name: time, type: time }]
  actions: [{ name: book_table, required: [date, time], consequential: true }]
`;

/** bot name → bot.yaml (and extra files); each gets a scenario naming it. */
async function writeProject(bots: Record<string, { yaml: string; files?: Record<string, string>; scenario?: string }>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'slotcheck-badbot-'));
  for (const [name, bot] of Object.entries(bots)) {
    await mkdir(join(dir, 'bots', name), { recursive: true });
    await writeFile(join(dir, 'bots', name, 'bot.yaml'), bot.yaml);
    for (const [file, text] of Object.entries(bot.files ?? {})) await writeFile(join(dir, 'bots', name, file), text);
    await mkdir(join(dir, 'scenarios'), { recursive: true });
    await writeFile(join(dir, 'scenarios', `${name}.yaml`), `bot: ${name}\ntoday: 2026-11-24\nuser:\n  goal: { date: 2026-12-05, time: "19:30" }\n${bot.scenario ?? ''}`);
  }
  return dir;
}

describe('bad bot configurations', () => {
  let desk: HttpBotServer;
  const projects: string[] = [];
  beforeAll(async () => {
    desk = await startHttpBotServer({ task: { name: 'BookTable', description: '', slots: [{ name: 'date', description: '' }, { name: 'time', description: '' }], actions: [{ name: 'book_table', description: '', required: ['date', 'time'], optional: [], consequential: true }] } });
  });
  afterAll(async () => {
    await desk.close();
    for (const dir of projects) await removeProject(dir);
  });

  it('at load: each is an error naming the bot file, line and field; exit 2 and nothing written', async () => {
    const http = (rest: string) => `kind: http\nhttp:\n${rest}${TASK}`;
    const dir = await writeProject({
      'missing-var': { yaml: http('  url: http://127.0.0.1:1/chat\n  headers: { Authorization: "Bearer ${NOT_SET_TOKEN}" }\n') },
      'bad-path': { yaml: http('  url: http://127.0.0.1:1/chat\n  reply:\n    text: "$.output[?"\n') },
      'actions-unseen': { yaml: http('  url: http://127.0.0.1:1/chat\n  reply:\n    text: $.answer\n') },
      'not-json-body': { yaml: http('  url: http://127.0.0.1:1/chat\n  body: |\n    { "text": {{lastUserMessage}} }\n') },
      'unknown-variable': { yaml: http('  url: http://127.0.0.1:1/chat\n  body: |\n    { "text": "{{userText}}" }\n') },
      'not-a-url': { yaml: http('  url: ftp://example/chat\n') },
      'http-with-prompt-field': { yaml: `kind: http\ntemperature: 0.2\nhttp:\n  url: http://127.0.0.1:1/chat\n${TASK}` },
      'unknown-kind': { yaml: `kind: grpc\n${TASK}` },
      'missing-module': { yaml: `kind: module\nmodule: ./nope.mjs\n${TASK}` },
      'no-bot-exported': { yaml: `kind: module\nmodule: ./bot.mjs\n${TASK}`, files: { 'bot.mjs': 'export const answer = 42;\n' } },
      'missing-key': { yaml: `apiKeyEnv: NOT_SET_KEY\nmodel: careful\n${TASK}`, files: { 'prompt.md': 'Book tables.\n' } },
      'mock-unknown-action': { yaml: `model: careful\n${TASK}toolMocks:\n  cancel_table:\n    - returns: { status: ok }\n`, files: { 'prompt.md': 'Book tables.\n' } },
      'mocks-for-http': { yaml: http('  url: http://127.0.0.1:1/chat\n'), scenario: 'toolMocks:\n  book_table:\n    - error: full\n' },
      'mock-unknown-arg': { yaml: `model: careful\n${TASK}`, files: { 'prompt.md': 'Book tables.\n' }, scenario: 'toolMocks:\n  book_table:\n    - match: { party: 4 }\n      error: full\n' },
    });
    projects.push(dir);
    const result = await runCli(['run', '--out', 'out'], { cwd: dir, env: { OPENAI_BASE_URL: 'http://127.0.0.1:1/v1' } });
    expect(result.code).toBe(2);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    const expected = [
      /bots\/missing-var\/bot\.yaml:4: field "http\.headers\.Authorization": environment variable NOT_SET_TOKEN is not set/,
      /bots\/bad-path\/bot\.yaml:5: field "http\.reply\.text": "\$\.output\[\?" is not a JSONPath/,
      /bots\/actions-unseen\/bot\.yaml:5: field "http\.reply": reply\.text without reply\.toolCalls: slotcheck could not see the bot call book_table/,
      /bots\/not-json-body\/bot\.yaml:4: field "http\.body": the body template does not render JSON/,
      /bots\/unknown-variable\/bot\.yaml:4: field "http\.body": template error \(line 1 of the template\): "userText" not defined/,
      /bots\/not-a-url\/bot\.yaml:3: field "http\.url": not an http\(s\) URL/,
      /bots\/http-with-prompt-field\/bot\.yaml:2: field "temperature": unknown field "temperature"/,
      /bots\/unknown-kind\/bot\.yaml:1: field "kind": unknown bot kind "grpc" \(known: prompt, http, module\)/,
      /bots\/missing-module\/bot\.yaml:2: field "module": bots\/missing-module\/nope\.mjs does not exist/,
      /bots\/no-bot-exported\/bot\.yaml:2: field "module": bots\/no-bot-exported\/bot\.mjs exports no bot/,
      /bots\/missing-key\/bot\.yaml:1: field "apiKeyEnv": environment variable NOT_SET_KEY is not set/,
      /bots\/mock-unknown-action\/bot\.yaml:\d+: field "toolMocks\.cancel_table": "cancel_table" is not an action/,
      /scenarios\/mocks-for-http\.yaml:6: field "toolMocks": bot "mocks-for-http" is an HTTP bot: it runs its own tools/,
      /scenarios\/mock-unknown-arg\.yaml:\d+: field "toolMocks\.book_table\.0\.match\.party": "party" is not an argument of action "book_table"/,
    ];
    for (const pattern of expected) expect(result.stderr).toMatch(pattern);
  });

  it('during a run: an endpoint that fails is an error blamed on infrastructure, naming the bot file; never a bot failure', async () => {
    const http = (url: string, extra = '') => ({ yaml: `kind: http\nhttp:\n  url: ${url}\n${extra}${TASK}` });
    const dir = await writeProject({
      unreachable: http('http://127.0.0.1:1/chat'),
      'wrong-path': http(`${desk.url}/stateless/careful`, '  reply:\n    text: $.answer\n    toolCalls: $.calls[*]\n'),
      'wrong-shape': http(`${desk.url}/fault/wrong-shape`),
      'not-json': http(`${desk.url}/fault/not-json`),
      'no-assistant': http(`${desk.url}/fault/no-assistant`),
      'server-error': http(`${desk.url}/fault/status`),
      'module-throws': { yaml: `kind: module\nmodule: ./bot.mjs\n${TASK}`, files: { 'bot.mjs': 'export async function respond() { throw new Error("the agent fell over"); }\n' } },
    });
    projects.push(dir);
    const result = await runCli(['run', '--retries', '0', '--out', 'out'], { cwd: dir, env: {} });
    expect(result.code).toBe(3);
    const lines = await readJsonl<{ bot: string; outcome: string; error: { code: string; blame: string; message: string } }>(join(dir, 'out/transcripts.jsonl'));
    const errors = Object.fromEntries(lines.map((l) => [l.bot, l.error]));
    expect(lines.every((l) => l.outcome === 'error' && l.error.blame === 'infrastructure')).toBe(true);
    for (const line of lines) expect(line.error.message).toContain(`bots/${line.bot}/bot.yaml`);
    expect(errors.unreachable).toMatchObject({ code: 'BOT_UNREACHABLE', message: expect.stringMatching(/ECONNREFUSED.*is it running/) });
    expect(errors['wrong-path']).toMatchObject({ code: 'BOT_REPLY_INVALID', message: expect.stringMatching(/http\.reply text \$\.answer and toolCalls \$\.calls\[\*\] matched nothing in a reply with keys messages/) });
    expect(errors['wrong-shape']).toMatchObject({ code: 'BOT_REPLY_INVALID', message: expect.stringMatching(/http\.reply\.messages \$\.messages matched nothing in a reply with keys reply/) });
    expect(errors['not-json']).toMatchObject({ code: 'BOT_REPLY_INVALID', message: expect.stringContaining('not JSON: <html>Service temporarily unavailable') });
    expect(errors['no-assistant']).toMatchObject({ code: 'BOT_REPLY_INVALID', message: expect.stringContaining('no assistant message') });
    expect(errors['server-error']).toMatchObject({ code: 'BOT_HTTP_STATUS', message: expect.stringContaining('HTTP 500') });
    expect(errors['module-throws']).toMatchObject({ code: 'BOT_MODULE_FAILED', message: expect.stringContaining('the agent fell over') });
    expect(await readJsonl(join(dir, 'out/failures.jsonl'))).toEqual([]);
    expect(result.stdout).toMatch(/7 errors?/);
    const llmUser = await runCli(['run', '--simulator', 'llm', '--out', 'llm'], { cwd: dir, env: {} });
    expect(llmUser.code).toBe(2);
    expect(llmUser.stderr).toMatch(/the llm user needs a model name, and bot "[a-z-]+" is not a prompt bot whose model it could share: pass --simulator-model NAME/);
  });

  it('a module whose factory fails: validate only checks the export, the run stops before it starts (exit 2, nothing written)', async () => {
    const dir = await writeProject({ 'factory-fails': { yaml: `kind: module\nmodule: ./bot.mjs\n${TASK}`, files: { 'bot.mjs': 'export default () => { throw new Error("no database"); };\n' } } });
    projects.push(dir);
    expect((await runCli(['validate'], { cwd: dir, env: {} })).code).toBe(0);
    const result = await runCli(['run', '--out', 'out'], { cwd: dir, env: {} });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/bots\/factory-fails\/bot\.yaml: the factory exported by .*bot\.mjs failed: no database/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});
