import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunEvent } from '../src/core/events.js';
import { createOpenAIChatModel, withConcurrencyLimit } from '../src/model/index.js';
import { runSuite } from '../src/pipeline/run.js';
import { SCRIPTED_BOTS, startFakeOpenAIServer, type FakeServer } from '../src/testing/index.js';
import { makeProject, removeProject } from './helpers.js';

describe('runSuite: a scenario subset and an in-memory prompt', () => {
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
  const options = (extra: object) => ({
    scenarioPaths: [join(project, 'scenarios')], botsDir: join(project, 'bots'), reportsDir: join(project, 'reports'),
    trials: 1, concurrency: 2, modelName: 'careful', conversationTimeoutMs: 10_000, ...extra,
  });
  const model = () => createOpenAIChatModel({ baseURL: server.url, apiKey: 'k', timeoutMs: 5000, maxRetries: 0 });

  it('runs only the named scenarios, with the overriding prompt as the system message', async () => {
    const result = await runSuite(options({ only: ['all-at-once'], promptOverrides: { restaurant: 'PATCHED for {{vars.restaurant}} on {{today}}' } }), model(), { clock: () => new Date() });
    expect(result.summary.scenarios.map((s) => s.id)).toEqual(['all-at-once']);
    expect(server.requests.at(-1)!.body.messages[0]!.content).toBe('PATCHED for Chez Ada on 2026-11-24');
    expect(result.summary.bots[0]!.promptHash).not.toBe('');
  });

  it('rejects an unknown scenario id and a broken override before running anything', async () => {
    await expect(runSuite(options({ only: ['nope'] }), model(), { clock: () => new Date() })).rejects.toThrow(/unknown scenario id nope/);
    await expect(runSuite(options({ promptOverrides: { restaurant: '{{#if}}' } }), model(), { clock: () => new Date() })).rejects.toThrow(/template error/);
  });

  it('--concurrency caps model calls in flight; up to 8 times as many conversations keep them busy, 1 stays sequential', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const slowCareful = await startFakeOpenAIServer({
      responders: {
        slow: async (request, context) => {
          maxInFlight = Math.max(maxInFlight, ++inFlight);
          await new Promise((r) => setTimeout(r, 15));
          inFlight -= 1;
          return SCRIPTED_BOTS.careful!(request, context);
        },
      },
    });
    try {
      const conversationsAtOnce = async (concurrency: number) => {
        let open = 0;
        let most = 0;
        maxInFlight = 0;
        const emit = (e: RunEvent) => {
          if (e.type === 'conversation-start') most = Math.max(most, ++open);
          if (e.type === 'conversation-end') open -= 1;
        };
        const model = createOpenAIChatModel({ baseURL: slowCareful.url, apiKey: 'k', timeoutMs: 5000, maxRetries: 0 });
        const result = await runSuite(options({ modelName: 'slow', concurrency, trials: 3, outDir: join(project, `out-c${concurrency}`) }), withConcurrencyLimit(model, concurrency), { clock: () => new Date(), emit });
        expect(result.summary.totals.passed).toBe(18);
        return { conversations: most, calls: maxInFlight };
      };
      expect(await conversationsAtOnce(2)).toEqual({ conversations: 16, calls: 2 });
      expect(await conversationsAtOnce(1)).toEqual({ conversations: 1, calls: 1 });
    } finally {
      await slowCareful.close();
    }
  });
});
