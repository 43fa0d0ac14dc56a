import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { startFakeOpenAIServer, type FakeServer, type FaultOptions } from '../src/testing/index.js';
import { makeProject, readJsonl, removeProject, runCli } from './helpers.js';

interface Line { id: string; outcome: 'pass' | 'fail' | 'error'; error?: { code: string; blame: string; message: string }; retries?: Record<string, number> }

describe('runs against a faulty endpoint: every conversation accounted for, errors classified', () => {
  let project: string;
  let server: FakeServer | undefined;
  beforeAll(async () => {
    project = await makeProject();
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  afterAll(async () => removeProject(project));

  const run = async (out: string, faults: FaultOptions, extra: string[] = [], model = 'forgetful') => {
    server = await startFakeOpenAIServer({ faults: { retryAfterMs: 5, seed: 3, ...faults } });
    const result = await runCli(['run', '--model', model, '--out', out, '--call-timeout', '0.3', ...extra], { cwd: project, env: { OPENAI_BASE_URL: server.url } });
    const lines = await readJsonl<Line>(join(project, out, 'transcripts.jsonl'));
    const summary = JSON.parse(await readFile(join(project, out, 'summary.json'), 'utf8'));
    return { result, lines, summary };
  };

  it('20 % of calls failing in every way: no conversation lost, failures and errors counted apart', async () => {
    const share = 0.2 / 7;
    const faults = { rateLimited: share, serverError: share, reset: share, hang: share, malformedToolCall: share, emptyChoice: share, contentFilter: share };
    const { result, lines, summary } = await run('mixed', faults, ['--trials', '5', '--concurrency', '8']);
    expect(lines).toHaveLength(30);
    expect(new Set(lines.map((l) => l.id)).size).toBe(30);
    const count = (o: Line['outcome']) => lines.filter((l) => l.outcome === o).length;
    expect(summary.totals).toEqual({ conversations: 30, passed: count('pass'), failed: count('fail'), errors: count('error') });
    expect(count('fail')).toBeGreaterThan(0);
    for (const line of lines.filter((l) => l.outcome === 'error')) expect(['bot', 'infrastructure']).toContain(line.error!.blame);
    expect(Object.values(summary.modelCalls.retried as Record<string, number>).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(result.code).toBe(1);
  });

  const kinds: Array<[string, FaultOptions, string, string, string[]]> = [
    ['always 429', { rateLimited: 1 }, 'MODEL_RATE_LIMITED', 'infrastructure', ['--retries', '1']],
    ['always 500', { serverError: 1 }, 'MODEL_SERVER', 'infrastructure', ['--retries', '1']],
    ['connection resets', { reset: 1 }, 'MODEL_CONNECTION', 'infrastructure', ['--retries', '1']],
    ['a hanging endpoint', { hang: 1 }, 'MODEL_TIMEOUT', 'infrastructure', ['--retries', '0']],
    ['invalid tool-call JSON', { malformedToolCall: 1 }, 'MODEL_OUTPUT_INVALID', 'bot', []],
    ['no choice', { emptyChoice: 1 }, 'MODEL_OUTPUT_INVALID', 'bot', []],
    ['a content filter', { contentFilter: 1 }, 'MODEL_REFUSED', 'bot', []],
  ];
  for (const [name, faults, code, blame, extra] of kinds) {
    it(`${name}: each conversation is an error ${code} blamed on the ${blame}, never a bot failure (exit 3)`, async () => {
      const { result, lines, summary } = await run(`kind-${code}-${blame}-${name.length}`, faults, extra);
      expect(result.code).toBe(3);
      expect(lines).toHaveLength(6);
      for (const line of lines) expect(line).toMatchObject({ outcome: 'error', error: { code, blame } });
      expect(summary.totals).toMatchObject({ failed: 0, errors: 6 });
    });
  }

  it('a conversation past its time-out is an error, and the run goes on', async () => {
    server = await startFakeOpenAIServer({ latencyMs: 150 });
    const result = await runCli(['run', '--model', 'careful', '--out', 'slow', '--timeout', '0.4', 'scenarios/restaurant/all-at-once.yaml', 'scenarios/restaurant/not-yet.yaml'], { cwd: project, env: { OPENAI_BASE_URL: server.url } });
    expect(result.code).toBe(3);
    const lines = await readJsonl<Line>(join(project, 'slow/transcripts.jsonl'));
    expect(lines.map((l) => l.error?.code)).toEqual(['CONVERSATION_TIMEOUT', 'CONVERSATION_TIMEOUT']);
  });
});
