import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scriptedUserModel, startFakeOpenAIServer, type FakeServer } from '../src/testing/index.js';
import { makeProject, readJsonl, removeProject, runCli } from './helpers.js';

interface TranscriptLine {
  id: string;
  outcome: string;
  simulator?: string;
  userActs?: Record<string, Array<{ act: string }>>;
  error?: { code: string; blame: string };
}

const KEY = 'sk-llm-roles-test-key-0123456789';
const say = (content: string) => ({ message: { role: 'assistant' as const, content } });
/** What a good tagger answers for RECORDED: the bot's obscure question at 3 asks for the date again. */
const TAGGED = JSON.stringify({
  messages: [
    { index: 0, acts: [{ act: 'INFORM', slot: 'party_size', value: 2 }, { act: 'INFORM', slot: 'date', value: '2026-12-05' }] },
    { index: 1, acts: [{ act: 'REQUEST', slot: 'time' }] },
    { index: 2, acts: [{ act: 'INFORM', slot: 'time', value: '19:30' }] },
    { index: 3, acts: [{ act: 'REQUEST', slot: 'date' }] },
  ],
});
const RECORDED = {
  id: 'recorded-1',
  task: { name: 'BookTable', slots: [{ name: 'date', type: 'date' }, { name: 'time', type: 'time' }, { name: 'party_size', type: 'integer' }], actions: [{ name: 'book_table', required: ['date', 'time', 'party_size'], consequential: true }] },
  messages: [
    { role: 'user', content: 'A table for 2 on 2026-12-05, please.' },
    { role: 'assistant', content: 'Sure. What time?' },
    { role: 'user', content: '19:30.' },
    { role: 'assistant', content: 'Lovely, and remind me when you are coming in?' },
  ],
};

describe('the LLM user simulator and the LLM tagger in slotcheck run and analyze', () => {
  let server: FakeServer;
  let project: string;
  beforeAll(async () => {
    server = await startFakeOpenAIServer({
      recordRequests: true,
      responders: {
        'user-sim': scriptedUserModel,
        // Gives a name on every turn that is not the goal's: the guard must stop it.
        'leaky-sim': () => say(JSON.stringify({ reply: 'Book it under Mallory.', gives: { name: 'Mallory' } })),
        'tagger-model': () => say(TAGGED),
        'refusing-tagger': () => say("I'm sorry, I can't help with that."),
      },
    });
    project = await makeProject();
    await writeFile(join(project, 'recorded.jsonl'), `${JSON.stringify(RECORDED)}\n`);
  });
  afterAll(async () => {
    await server.close();
    await removeProject(project);
  });
  const cli = (args: string[], env: NodeJS.ProcessEnv = { OPENAI_BASE_URL: server.url, OPENAI_API_KEY: KEY }) => runCli(args, { cwd: project, env });
  const calls = (model: string) => server.requests.filter((r) => r.body.model === model).length;

  it('runs every bundled scenario with --simulator llm against a careful bot: all complete and pass', async () => {
    const result = await cli(['run', '--model', 'careful', '--simulator', 'llm', '--simulator-model', 'user-sim', '--out', 'out-llm-user']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const summary = JSON.parse(await readFile(join(project, 'out-llm-user/summary.json'), 'utf8'));
    expect(summary.totals).toEqual({ conversations: 6, passed: 6, failed: 0, errors: 0 });
    const transcripts = await readJsonl<TranscriptLine>(join(project, 'out-llm-user/transcripts.jsonl'));
    expect(transcripts.every((t) => t.simulator === 'llm')).toBe(true);
    const changed = transcripts.find((t) => t.id === 'changes-the-time#1')!;
    expect(Object.values(changed.userActs!).flat().map((a) => a.act)).toContain('NEGATE');
    expect(server.requests.find((r) => r.body.model === 'user-sim')!.body.response_format).toEqual({ type: 'json_object' });
  });

  it('a simulator that leaks a value is an error blamed on the simulator, never a bot failure', async () => {
    const result = await cli(['run', 'scenarios/restaurant/dinner-for-four.yaml', '--model', 'careful', '--simulator', 'llm', '--simulator-model', 'leaky-sim', '--out', 'out-leaky']);
    expect(result.code).toBe(3);
    const [record] = await readJsonl<TranscriptLine>(join(project, 'out-leaky/transcripts.jsonl'));
    expect(record).toMatchObject({ outcome: 'error', error: { code: 'SIMULATOR_FAILED', blame: 'simulator' } });
    expect(await readJsonl(join(project, 'out-leaky/failures.jsonl'))).toEqual([]);
    expect(calls('leaky-sim')).toBe(2);
  });

  it('analyze --tagger llm detects from the model\'s acts, then answers a second run from the cache', async () => {
    const first = await cli(['analyze', 'recorded.jsonl', '--tagger', 'llm', '--tagger-model', 'tagger-model', '--out', 'out-tagged-1']);
    expect(first.code).toBe(1);
    const failures = await readJsonl<{ class: string; messageIndex: number; slot?: string }>(join(project, 'out-tagged-1/failures.jsonl'));
    expect(failures).toEqual([expect.objectContaining({ class: 're-ask', messageIndex: 3, slot: 'date' })]);
    expect(calls('tagger-model')).toBe(1);
    const second = await cli(['analyze', 'recorded.jsonl', '--tagger', 'llm', '--tagger-model', 'tagger-model', '--out', 'out-tagged-2']);
    expect(second.code).toBe(1);
    expect(calls('tagger-model')).toBe(1);
    const cacheDir = join(project, '.slotcheck-cache/tagger');
    const files = (await readdir(cacheDir, { recursive: true })).filter((f) => f.endsWith('.json'));
    expect(files).toHaveLength(1);
    expect(await readFile(join(cacheDir, files[0]!), 'utf8')).not.toContain(KEY.slice(0, 10));
  });

  it('a tagger model that refuses makes the conversation an infrastructure error', async () => {
    const result = await cli(['run', 'scenarios/restaurant/dinner-for-four.yaml', '--model', 'careful', '--tagger', 'llm', '--tagger-model', 'refusing-tagger', '--out', 'out-refused']);
    expect(result.code).toBe(3);
    const [record] = await readJsonl<TranscriptLine>(join(project, 'out-refused/transcripts.jsonl'));
    expect(record).toMatchObject({ outcome: 'error', error: { code: 'MODEL_REFUSED', blame: 'infrastructure' } });
  });

  it('--tagger llm without a model, an unknown tagger, or an unknown simulator is a usage error (exit 2)', async () => {
    const noName = await cli(['analyze', 'recorded.jsonl', '--tagger', 'llm']);
    expect(noName.code).toBe(2);
    expect(noName.stderr).toContain('--tagger llm needs a model: pass --tagger-model NAME');
    const noEndpoint = await cli(['analyze', 'recorded.jsonl', '--tagger', 'llm', '--tagger-model', 'x'], {});
    expect(noEndpoint.code).toBe(2);
    expect(noEndpoint.stderr).toContain('no model configured');
    const unknown = await cli(['analyze', 'recorded.jsonl', '--tagger', 'magic']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown tagger "magic"; known: offline, llm');
    expect((await cli(['run', '--model', 'careful', '--simulator', 'psychic'])).code).toBe(2);
  });
});
