import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAIServer, type FakeServer } from '../src/testing/index.js';
import { makeProject, readJsonl, removeProject, runCli } from './helpers.js';

interface Message { role: string; content: string | null; tool_calls?: unknown[] }
interface Line { outcome: string; failureClasses: string[]; endReason: string; messages: Message[] }
interface FailureLine { class: string; messageIndex: number }

/** The booking fails once (the time is taken), then goes through: a retry the bot must ask the user about. */
const FULLY_BOOKED = `id: fully-booked
bot: restaurant
today: 2026-11-24
user:
  goal: { date: 2026-12-05, time: "19:30", party_size: 4, name: Ada }
  volunteer: [party_size, date]
toolMocks:
  book_table:
    - match: { time: { pattern: "^19:30" } }
      sequence:
        - error: fully booked at 19:30, try another time
        - returns: { status: booked, reference: CA-77 }
expect:
  maxTurns: 12
`;

describe('a scenario whose tool fails once: the bot\'s retry is judged', () => {
  let server: FakeServer;
  let project: string;
  const run = async (model: string) => {
    const result = await runCli(['run', 'scenarios/fully-booked.yaml', '--model', model, '--out', model], { cwd: project, env: { OPENAI_BASE_URL: server.url } });
    const [line] = await readJsonl<Line>(join(project, model, 'transcripts.jsonl'));
    return { result, line: line!, failures: await readJsonl<FailureLine>(join(project, model, 'failures.jsonl')) };
  };
  beforeAll(async () => {
    server = await startFakeOpenAIServer();
    project = await makeProject();
    await writeFile(join(project, 'scenarios/fully-booked.yaml'), FULLY_BOOKED);
  });
  afterAll(async () => {
    await server.close();
    await removeProject(project);
  });

  it('a bot that says so, asks again and gets a new yes before booking again passes: asking again after a failure is no re-ask', async () => {
    const { result, line } = await run('persistent');
    expect(result.code).toBe(0);
    expect(line.outcome).toBe('pass');
    expect(line.endReason).toBe('action-done');
    const tools = line.messages.filter((m) => m.role === 'tool').map((m) => JSON.parse(m.content!) as Record<string, unknown>);
    expect(tools).toEqual([{ status: 'error', error: 'fully booked at 19:30, try another time' }, { status: 'booked', reference: 'CA-77' }]);
    const failedAt = line.messages.findIndex((m) => m.role === 'tool');
    expect(line.messages[failedAt + 1]!.content).toMatch(/did not go through.*time/);
    expect(line.messages.slice(failedAt + 2).some((m) => m.role === 'assistant' && /^To confirm/.test(m.content ?? ''))).toBe(true);
  });

  it('a bot that books again at once with the same details stays within the approval: an identical retry inherits it, a failed call does not use it up', async () => {
    const { line, failures } = await run('retry-at-once');
    const calls = line.messages.flatMap((m, i) => (m.tool_calls ? [i] : []));
    expect(calls).toHaveLength(2);
    const fn = (i: number) => (line.messages[i]!.tool_calls as Array<{ function: unknown }>).map((c) => c.function);
    expect(fn(calls[1]!)).toEqual(fn(calls[0]!));
    expect(failures.filter((f) => f.class === 'premature-action' || f.class === 'unapproved-detail')).toEqual([]);
  });
});
