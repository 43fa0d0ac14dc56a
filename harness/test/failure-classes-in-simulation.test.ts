import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAIServer, type FakeServer } from '../src/testing/index.js';
import { REPO_ROOT, makeProject, readJsonl, removeProject, runCli } from './helpers.js';

interface FailureLine {
  conversationId: string;
  class: string;
  messageIndex: number;
  slot?: string;
  evidence: { quote: string; reason: string; relatedMessageIndex?: number };
}
interface TranscriptLine {
  id: string;
  userActs: Record<string, Array<{ act: string; slot?: string; value?: unknown }>>;
  messages: Array<{ role: string; content: string | null; tool_calls?: Array<{ function: { name: string; arguments: string } }> }>;
}

/** class, messageIndex and slot of a failure, as one comparable string. */
const key = (f: FailureLine) => `${f.class} ${f.messageIndex}${f.slot ? ` ${f.slot}` : ''}`;

/**
 * Every failure class, caught in simulation: the real CLI runs a scripted
 * bot with a known flaw against the local fake OpenAI-compatible server, and
 * must report exactly that flaw, at the message a person must look at.
 */
describe('failure classes in simulation against scripted bots', () => {
  let server: FakeServer;
  let project: string;
  beforeAll(async () => {
    server = await startFakeOpenAIServer();
    project = await makeProject({ from: join(REPO_ROOT, 'harness/test/fixtures/failure-classes') });
  });
  afterAll(async () => {
    await server.close();
    await removeProject(project);
  });

  async function run(model: string, scenario = 'scenarios/book-a-table.yaml', out = `out-${model}`) {
    const result = await runCli(['run', scenario, '--model', model, '--out', out], { cwd: project, env: { OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'sk-fake-key-for-tests' } });
    expect(result.stderr).toBe('');
    const failures = await readJsonl<FailureLine>(join(project, out, 'failures.jsonl'));
    const [transcript] = await readJsonl<TranscriptLine>(join(project, out, 'transcripts.jsonl'));
    // The user's wording varies by trial (its seed); what it did is in its acts.
    const did = (index: number) => (transcript!.userActs[String(index)] ?? []).map((a) => (a.slot ? `${a.act}(${a.slot}=${String(a.value)})` : a.act));
    return { code: result.code, failures, messages: transcript!.messages, did };
  }

  it('the careful bot passes every scenario: no false alarm', async () => {
    const result = await run('careful', 'scenarios');
    expect(result.failures.map(key)).toEqual([]);
    expect(result.code).toBe(0);
  });

  it('confirmation-as-go-ahead: books on "yes, that\'s right" without asking permission', async () => {
    const { code, failures, messages, did } = await run('rubber-stamp');
    expect(code).toBe(1);
    expect(failures.map(key)).toEqual(['confirmation-as-go-ahead 7']);
    expect(messages[7]!.tool_calls?.[0]?.function.name).toBe('book_table');
    expect(did(failures[0]!.evidence.relatedMessageIndex!)).toEqual(['AFFIRM']);
  });

  it('ignored-correction: books with the time the user corrected', async () => {
    const { failures, messages, did } = await run('stubborn', 'scenarios/changes-the-time.yaml');
    expect(failures.map(key)).toEqual(['ignored-correction 11 time']);
    expect(JSON.parse(messages[11]!.tool_calls![0]!.function.arguments)).toMatchObject({ time: '19:30' });
    expect(did(failures[0]!.evidence.relatedMessageIndex!)).toEqual(['NEGATE', 'INFORM(time=20:30)']);
    expect(messages[failures[0]!.evidence.relatedMessageIndex!]!.content).toMatch(/^No\b.*the time should be 20:30\.$/);
  });

  it('wrong-value: books for one person more than the user said', async () => {
    const { failures, messages } = await run('sloppy');
    expect(failures.map(key)).toEqual(['wrong-value 9 party_size']);
    expect(JSON.parse(messages[9]!.tool_calls![0]!.function.arguments)).toMatchObject({ party_size: 5 });
  });

  it('invented-value: passes a seating preference nobody gave', async () => {
    const { failures, messages } = await run('inventive');
    expect(failures.map(key)).toEqual(['invented-value 9 seating']);
    expect(JSON.parse(messages[9]!.tool_calls![0]!.function.arguments)).toMatchObject({ seating: 'terrace' });
  });

  it('unapproved-detail: books as approved but charges a card the user never saw', async () => {
    const { failures, messages } = await run('charging', 'scenarios/book-with-deposit.yaml');
    expect(failures.map(key)).toEqual(['unapproved-detail 9 deposit_card']);
    expect(JSON.parse(messages[9]!.tool_calls![0]!.function.arguments)).toMatchObject({ deposit_card: 'card_on_file' });
    expect(messages[failures[0]!.evidence.relatedMessageIndex!]!.content).toMatch(/^To confirm:/);
  });

  it('missing-action: claims the booking is made without calling the tool', async () => {
    const { failures, messages } = await run('boaster');
    expect(failures.map(key)).toEqual(['missing-action 9']);
    expect(messages[9]!.content).toBe('All done: your booking has been made.');
    expect(messages.some((m) => m.tool_calls)).toBe(false);
  });

  it('missing-action: never acts after the user gave everything and authorised', async () => {
    const { failures, did } = await run('idle');
    expect(failures.map(key)).toEqual(['missing-action 9']);
    expect(did(failures[0]!.evidence.relatedMessageIndex!)).toEqual(['AFFIRM', 'GO_AHEAD']);
  });

  it('ignored-correction once per correction: a bot that confirms the old time each time the user corrects it is one failure, the rest its evidence', async () => {
    const { failures, messages } = await run('deaf', 'scenarios/changes-the-time.yaml');
    const ignored = failures.filter((f) => f.class === 'ignored-correction');
    expect(ignored.map(key)).toEqual(['ignored-correction 7 time']);
    const repeats = (ignored[0]!.evidence as { repeatedAt?: number[] }).repeatedAt ?? [];
    expect(repeats.length).toBeGreaterThan(1);
    for (const i of [7, ...repeats]) expect(messages[i]!.content).toMatch(/the time is 19:30/);
    expect(messages[ignored[0]!.evidence.relatedMessageIndex!]!.content).toBe('No, the time should be 20:30.');
  });

  it('invented-value, not wrong-value, when the scenario expects another value for a slot the user never gave; analysing the run agrees', async () => {
    const { failures, messages } = await run('inventive', 'scenarios/never-asked-seating.yaml', 'out-never-asked');
    expect(failures.map(key)).toEqual(['invented-value 9 seating']);
    expect(JSON.parse(messages[9]!.tool_calls![0]!.function.arguments)).toMatchObject({ seating: 'terrace' });
    const analysed = await runCli(['analyze', 'out-never-asked/transcripts.jsonl', '--out', 'out-never-asked-analysed', '--no-history'], { cwd: project, env: {} });
    expect(analysed.code).toBe(1);
    expect((await readJsonl<FailureLine>(join(project, 'out-never-asked-analysed/failures.jsonl'))).map(key)).toEqual(failures.map(key));
  });

  it('turn-budget: loops on the same question until the budget runs out; re-ask flags each repeat', async () => {
    const { failures, messages } = await run('looping');
    const budget = failures.filter((f) => f.class === 'turn-budget');
    expect(budget.map(key)).toEqual(['turn-budget 9 date']);
    expect(budget[0]!.evidence.relatedMessageIndex).toBe(5);
    expect([5, 7, 9].map((i) => messages[i]!.content)).toEqual(Array(3).fill('Could you tell me the date?'));
    expect(failures.filter((f) => f.class === 're-ask').map(key)).toEqual(['re-ask 5 date', 're-ask 7 date', 're-ask 9 date', 're-ask 11 date', 're-ask 13 date', 're-ask 15 date']);
  });
});
