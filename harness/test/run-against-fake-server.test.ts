import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAIServer, type FakeServer } from '../src/testing/index.js';
import { makeProject, readJsonl, removeProject, runCli } from './helpers.js';

interface FailureLine {
  conversationId: string;
  class: string;
  messageIndex: number;
  slot?: string;
  evidence: { quote: string; reason: string };
}
interface TranscriptLine {
  id: string;
  outcome: string;
  messages: Array<{ role: string; content: string | null; tool_calls?: unknown[] }>;
}

describe('slotcheck run against scripted bots on a local OpenAI-compatible server', () => {
  let server: FakeServer;
  let project: string;
  beforeAll(async () => {
    server = await startFakeOpenAIServer({ recordRequests: true });
    project = await makeProject();
  });
  afterAll(async () => {
    await server.close();
    await removeProject(project);
  });
  const run = (model: string, extra: string[] = []) =>
    runCli(['run', '--model', model, '--out', `out-${model}`, ...extra], { cwd: project, env: { OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'sk-fake-key-for-tests' } });

  it('a careful bot passes every scenario and the run exits 0', async () => {
    const result = await run('careful');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const summary = JSON.parse(await readFile(join(project, 'out-careful/summary.json'), 'utf8'));
    expect(summary.totals).toEqual({ conversations: 6, passed: 6, failed: 0, errors: 0 });
    expect(await readJsonl(join(project, 'out-careful/failures.jsonl'))).toEqual([]);
    expect(existsSync(join(project, 'out-careful/report.md'))).toBe(true);
  });

  it('an eager bot is caught acting prematurely, at the message with the tool call', async () => {
    const result = await run('eager');
    expect(result.code).toBe(1);
    const failures = await readJsonl<FailureLine>(join(project, 'out-eager/failures.jsonl'));
    const transcripts = await readJsonl<TranscriptLine>(join(project, 'out-eager/transcripts.jsonl'));
    expect(failures.length).toBe(6);
    for (const failure of failures) {
      expect(failure.class).toBe('premature-action');
      const conversation = transcripts.find((t) => t.id === failure.conversationId)!;
      const flagged = conversation.messages[failure.messageIndex]!;
      expect(flagged.role).toBe('assistant');
      expect(flagged.tool_calls).toHaveLength(1);
      const firstCall = conversation.messages.findIndex((m) => m.tool_calls);
      expect(failure.messageIndex).toBe(firstCall);
    }
    const dinner = failures.find((f) => f.conversationId === 'dinner-for-four#1')!;
    expect(dinner.messageIndex).toBe(5);
  });

  it('a forgetful bot is caught re-asking, with the right slot and message', async () => {
    const result = await run('forgetful');
    expect(result.code).toBe(1);
    const failures = await readJsonl<FailureLine>(join(project, 'out-forgetful/failures.jsonl'));
    const transcripts = await readJsonl<TranscriptLine>(join(project, 'out-forgetful/transcripts.jsonl'));
    expect(failures.map((f) => f.class)).toEqual(Array(6).fill('re-ask'));
    for (const failure of failures) {
      expect(failure.slot).toBe('date');
      const flagged = transcripts.find((t) => t.id === failure.conversationId)!.messages[failure.messageIndex]!;
      expect(flagged.content).toBe('Sorry, could you tell me the date again?');
      expect(failure.evidence.quote).toBe(flagged.content);
    }
  });

  it('runs several trials per scenario and reports them per scenario', async () => {
    const result = await run('careful', ['--trials', '3', '--concurrency', '4', '--out', 'out-trials']);
    expect(result.code).toBe(0);
    const summary = JSON.parse(await readFile(join(project, 'out-trials/summary.json'), 'utf8'));
    expect(summary.totals.conversations).toBe(18);
    expect(summary.scenarios.every((s: { trials: number }) => s.trials === 3)).toBe(true);
    const ids = (await readJsonl<TranscriptLine>(join(project, 'out-trials/transcripts.jsonl'))).map((t) => t.id);
    expect(new Set(ids).size).toBe(18);
  });

  it('offers the task\'s actions as function tools and renders the prompt template', async () => {
    const request = server.requests.find((r) => r.body.model === 'careful')!.body;
    expect(request.tools?.map((t) => t.function.name)).toEqual(['book_table']);
    expect(request.tools?.[0]?.function.parameters).toMatchObject({ required: ['date', 'time', 'party_size', 'name'] });
    const system = request.messages[0]!;
    expect(system.role).toBe('system');
    expect(system.content).toContain('Chez Ada');
    expect(system.content).toContain('Today is 2026-11-24');
  });
});
