import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAIChatModel } from '../model/index.js';
import { runSuite } from '../pipeline/run.js';
import { startFakeOpenAIServer, type FakeServer } from './fake-openai-server.js';
import { promptFollowingBot, readPromptRules } from './prompt-following-bot.js';

const REPO = join(import.meta.dirname, '../../..');
const prompt = (bot: string) => readFile(join(REPO, 'bots', bot, 'prompt.md'), 'utf8');

describe('the prompt-following bot reacts to the rules in its prompt, on every bundled task', () => {
  let server: FakeServer;
  let dir: string;
  beforeAll(async () => {
    server = await startFakeOpenAIServer({ responders: { 'prompt-follower': promptFollowingBot } });
    dir = await mkdtemp(join(tmpdir(), 'slotcheck-follower-'));
    await cp(join(REPO, 'bots'), join(dir, 'bots'), { recursive: true });
    await cp(join(REPO, 'scenarios'), join(dir, 'scenarios'), { recursive: true });
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });
  const failuresOf = async (bot: string, promptSource?: string) => {
    const model = createOpenAIChatModel({ baseURL: server.url, apiKey: 'k', timeoutMs: 5000, maxRetries: 0 });
    const result = await runSuite(
      { scenarioPaths: [join(dir, 'scenarios', bot)], botsDir: join(dir, 'bots'), reportsDir: join(dir, 'reports'), trials: 1, concurrency: 4, modelName: 'prompt-follower', conversationTimeoutMs: 10_000, ...(promptSource ? { promptOverrides: { [bot]: promptSource } } : {}) },
      model,
      { clock: () => new Date() },
    );
    return result.summary.failuresByClass;
  };

  it('reads the bundled prompts: the restaurant is careful, the clinic follows a script, the bank also acts at once', async () => {
    expect(readPromptRules(await prompt('restaurant'))).toEqual({ noReAsk: true, confirmFirst: true, confirmThenAct: false });
    expect(readPromptRules(await prompt('clinic'))).toEqual({ noReAsk: false, confirmFirst: true, confirmThenAct: false });
    expect(readPromptRules(await prompt('bank-transfer'))).toEqual({ noReAsk: false, confirmFirst: false, confirmThenAct: false });
    expect(Object.keys(await failuresOf('restaurant'))).toEqual([]);
    expect(Object.keys(await failuresOf('clinic'))).toEqual(['re-ask']);
    expect(Object.keys(await failuresOf('bank-transfer')).sort()).toEqual(['premature-action', 're-ask']);
  });

  it('a rule added to a prompt changes what it does: "confirm and send" acts on the confirmation, "as soon as you have" overrides a careful prompt', async () => {
    const bank = (await prompt('bank-transfer')).replace('call the `send_transfer` tool.', 'repeat them back, ask the customer to confirm them, and then call the `send_transfer` tool.');
    expect(readPromptRules(bank).confirmThenAct).toBe(true);
    expect(await failuresOf('bank-transfer', bank)).toEqual({ 're-ask': expect.any(Number), 'confirmation-as-go-ahead': 4 });
    const hurried = `${await prompt('clinic')}Never ask again for a detail the patient gave. Book as soon as you have every detail.\n`;
    expect(Object.keys(await failuresOf('clinic', hurried))).toEqual(['premature-action']);
  });
});
