import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAIServer, startHttpBotServer, type FakeServer, type HttpBotServer } from '../src/testing/index.js';
import { makeProject, readJsonl, REPO_ROOT, removeProject, runCli } from './helpers.js';

const FIXTURE = join(REPO_ROOT, 'harness/test/fixtures/any-bot');
/** The module bot of the README's example, tested here as `desk-module`. */
const MODULE = join(REPO_ROOT, 'harness/examples/your-bot/bots/restaurant-code/bot.mjs');

interface Message { role: string; content: string | null; tool_calls?: Array<{ function: { name: string } }>; tool_call_id?: string }
interface Line { scenarioId: string; outcome: string; failureClasses: string[]; model: string; messages: Message[]; endReason: string; modelCalls: number }
interface FailureLine { conversationId: string; class: string; messageIndex: number; evidence: { quote: string } }

const TASK = {
  name: 'BookTable', description: 'Book a table', slots: ['date', 'time', 'party_size', 'name'].map((name) => ({ name, description: name, ...(name === 'party_size' ? { type: 'integer' as const } : {}) })),
  actions: [{ name: 'book_table', description: 'Book a table', required: ['date', 'time', 'party_size', 'name'], optional: [], consequential: true }],
};

describe('one run over a prompt bot on each of two endpoints, HTTP bots and a module bot', () => {
  let endpointA: FakeServer;
  let endpointB: FakeServer;
  let desk: HttpBotServer;
  let project: string;
  let run: Awaited<ReturnType<typeof runCli>>;
  let lines: Line[];
  let failures: FailureLine[];
  const byBot = (bot: string) => lines.find((l) => l.scenarioId === `dinner-${bot}`)!;
  beforeAll(async () => {
    [endpointA, endpointB] = await Promise.all([startFakeOpenAIServer({ recordRequests: true }), startFakeOpenAIServer({ recordRequests: true })]);
    desk = await startHttpBotServer({ task: TASK, recordRequests: true });
    project = await makeProject({ from: FIXTURE });
    await cp(MODULE, join(project, 'bots/desk-module/bot.mjs'));
    const env = { ENDPOINT_A: endpointA.url.replace(/\/v1$/, ''), ENDPOINT_A_KEY: 'key-a-0123456789', OPENAI_BASE_URL: endpointB.url, OPENAI_API_KEY: 'key-b-0123456789', DESK_URL: desk.url, DESK_TOKEN: 'desk-token-0123456789' };
    run = await runCli(['run', '--out', 'out'], { cwd: project, env });
    lines = await readJsonl<Line>(join(project, 'out/transcripts.jsonl'));
    failures = await readJsonl<FailureLine>(join(project, 'out/failures.jsonl'));
  });
  afterAll(async () => {
    await Promise.all([endpointA.close(), endpointB.close(), desk.close()]);
    await removeProject(project);
  });

  it('judges every kind with the same classes: the eager service books before approval, the rest pass', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(lines.map((l) => [l.scenarioId, l.outcome, l.failureClasses]).sort()).toEqual([
      ['dinner-desk-eager', 'fail', ['premature-action']],
      ['dinner-desk-http', 'pass', []],
      ['dinner-desk-module', 'pass', []],
      ['dinner-desk-retry', 'pass', []],
      ['dinner-desk-session', 'pass', []],
      ['dinner-prompt-a', 'pass', []],
      ['dinner-prompt-b', 'pass', []],
    ]);
  });

  it('an HTTP bot that runs its own booking after the yes passes: its call and result are in the transcript, and no missing-action', () => {
    const line = byBot('desk-http');
    expect(line.endReason).toBe('action-done');
    const call = line.messages.findIndex((m) => m.tool_calls?.[0]?.function.name === 'book_table');
    expect(call).toBeGreaterThan(0);
    expect(line.messages[call + 1]).toMatchObject({ role: 'tool', content: expect.stringContaining('booked') });
    expect(line.messages[call + 2]).toMatchObject({ role: 'assistant', content: expect.stringMatching(/done/i) });
    expect(line.messages[call - 1]).toMatchObject({ role: 'user', content: expect.stringMatching(/^Yes\b.*go ahead/) });
    expect(line.model).toBe('http:desk-http');
  });

  it('a service whose own booking fails once asks again and books after a new yes: its failed result makes the question legitimate', () => {
    const line = byBot('desk-retry');
    const results = line.messages.filter((m) => m.role === 'tool').map((m) => m.content);
    expect(results).toEqual([expect.stringContaining('fully booked'), expect.stringContaining('booked')]);
    const failed = line.messages.findIndex((m) => m.role === 'tool');
    expect(line.messages[failed + 1]!.content).toMatch(/Which time/);
    expect(line.endReason).toBe('action-done');
  });

  it('the premature booking is pointed at: the message with the tool call, quoted', () => {
    const finding = failures.find((f) => f.conversationId.startsWith('dinner-desk-eager'))!;
    const line = byBot('desk-eager');
    expect(line.messages[finding.messageIndex]!.tool_calls?.[0]?.function.name).toBe('book_table');
    expect(line.messages.slice(0, finding.messageIndex).some((m) => m.role === 'assistant' && /confirm/i.test(m.content ?? ''))).toBe(false);
  });

  it('the session-keeping service got its session back and only the new text each turn', () => {
    const turns = desk.requests.filter((r) => r.path === '/session/careful');
    expect(turns.length).toBeGreaterThan(3);
    // The opening, in whichever wording the rule-based user's seed picked.
    expect(JSON.parse(turns[0]!.body)).toEqual({ text: expect.stringMatching(/book a table/) });
    for (const later of turns.slice(1)) expect(JSON.parse(later.body)).toEqual({ text: expect.any(String), sessionId: 's-1' });
    const line = byBot('desk-session');
    expect(line.messages.some((m) => m.role === 'tool' && m.content?.includes('booked'))).toBe(true);
  });

  it('the stateless service gets the whole conversation, the new message apart, a thread id and the header with the token', () => {
    const first = desk.requests.find((r) => r.path === '/stateless/careful')!;
    const later = desk.requests.filter((r) => r.path === '/stateless/careful').at(-1)!;
    const body = JSON.parse(later.body) as { threadId: string; messages: Message[]; newMessages: Message[] };
    expect(body.threadId).toMatch(/^dinner-desk-http#1~[0-9a-f]{8}$/);
    expect(body.messages.length).toBeGreaterThan(body.newMessages.length);
    expect(body.newMessages).toEqual([body.messages.at(-1)]);
    expect(first.headers.authorization).toBe('Bearer desk-token-0123456789');
  });

  it('each prompt bot talks to its own endpoint with its own key', () => {
    expect(endpointA.requests.length).toBeGreaterThan(0);
    expect(endpointB.requests.length).toBeGreaterThan(0);
    expect(endpointA.requests.every((r) => r.headers.authorization === 'Bearer key-a-0123456789')).toBe(true);
    expect(endpointB.requests.every((r) => r.headers.authorization === 'Bearer key-b-0123456789')).toBe(true);
  });

  it('run.json records each bot\'s kind and definition hash, and the endpoints without secrets', async () => {
    const meta = JSON.parse(await readFile(join(project, 'out/run.json'), 'utf8')) as { bots: Array<{ name: string; kind: string; definitionHash: string }>; endpoint: string };
    expect(Object.fromEntries(meta.bots.map((b) => [b.name, b.kind]))).toEqual({ 'prompt-a': 'prompt', 'prompt-b': 'prompt', 'desk-http': 'http', 'desk-session': 'http', 'desk-eager': 'http', 'desk-retry': 'http', 'desk-module': 'module' });
    expect(meta.bots.every((b) => /^[0-9a-f]{12}$/.test(b.definitionHash))).toBe(true);
    expect(meta.endpoint).toContain(`${desk.url}/stateless/careful`);
    expect(meta.endpoint).toContain(endpointA.url);
    const report = await readFile(join(project, 'out/report.html'), 'utf8');
    expect(report).toContain('dinner-desk-eager');
  });

  it('the README\'s module example is the module this run tested', async () => {
    const readme = await readFile(join(REPO_ROOT, 'README.md'), 'utf8');
    expect(readme).toContain((await readFile(MODULE, 'utf8')).trim());
  });
});
