import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAIChatModel } from '../src/model/index.js';
import { runSuite } from '../src/pipeline/run.js';
import { principlesByClass } from '../src/guide/index.js';
import { SEED_PRINCIPLES } from '../src/refine/index.js';
import { createScriptedRefiner, promptFollowingBot, startFakeOpenAIServer, WEAK_PROMPT, type FakeServer, type Responder } from '../src/testing/index.js';
import { removeProject } from './helpers.js';
import { allText, API_KEY, cli, makeRefineProject, readGuide, readRefineReport } from './refine-helpers.js';

/** The classes these tests are about: other detectors must not change what they refine. */
const DETECTORS = ['--detectors', 're-ask,premature-action'];

/** A guide checker that claims every principle is followed, quoting words the prompt does not contain. */
const inventsQuotes: Responder = (request) => {
  const ids = [...String(request.messages[0]!.content).matchAll(/"id":"([a-z0-9-]+)"/g)].map((m) => m[1]);
  const results = ids.map((principleId) => ({ principleId, verdict: 'follows', quote: 'Always confirm before booking.', explanation: 'says so' }));
  return { message: { role: 'assistant', content: JSON.stringify({ results }) } };
};

describe('slotcheck refine: failures become a verified refined prompt and principles with provenance', () => {
  let server: FakeServer;
  let project: string;
  let run: ReturnType<typeof cli>;
  let runId: string;
  beforeAll(async () => {
    server = await startFakeOpenAIServer({ responders: { 'prompt-follower': promptFollowingBot, refiner: createScriptedRefiner(), 'quote-inventor': inventsQuotes } });
    project = await makeRefineProject();
    run = cli(project, server.url);
    expect((await run(['run', '--model', 'prompt-follower', ...DETECTORS, '--out', 'reports/base'])).code).toBe(1);
    runId = JSON.parse(await readFile(join(project, 'reports/base/run.json'), 'utf8')).runId;
  });
  afterAll(async () => {
    await server.close();
    await removeProject(project);
  });

  it('fixes re-ask and premature-action: a refined prompt beside the original that passes those scenarios, two principles, a report', async () => {
    const result = await run(['refine', '--run', 'reports/base', '--meta-model', 'refiner', '--trials', '2', '--out', 'reports/base/refine-1']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(await readFile(join(project, 'bots/restaurant/prompt.md'), 'utf8')).toBe(WEAK_PROMPT);
    const refined = await readFile(join(project, 'bots/restaurant/prompt.refined.md'), 'utf8');
    const model = createOpenAIChatModel({ baseURL: server.url, apiKey: 'k', timeoutMs: 5000, maxRetries: 0 });
    const rerun = await runSuite(
      { scenarioPaths: [join(project, 'scenarios')], botsDir: join(project, 'bots'), reportsDir: join(project, 'reports'), trials: 2, concurrency: 4, modelName: 'prompt-follower', conversationTimeoutMs: 10_000, promptOverrides: { restaurant: refined } },
      model,
      { clock: () => new Date() },
    );
    expect(rerun.summary.totals).toEqual({ conversations: 6, passed: 6, failed: 0, errors: 0 });

    const report = await readRefineReport(join(project, 'reports/base/refine-1'));
    expect(report.classes.map((c) => [c.failureClass, c.status, c.attempts.map((a) => a.outcome)])).toEqual([
      ['re-ask', 'fixed', ['accepted']],
      ['premature-action', 'fixed', ['accepted']],
    ]);
    expect(await readFile(join(project, 'reports/base/refine-1/refine.md'), 'utf8')).toContain('| restaurant · `premature-action` | fixed and generalised | 1 |');
    // Tokens of the meta-prompts and of the verification runs' bot, apart.
    expect(Object.keys(report.usage ?? {}).sort()).toEqual(['bot', 'meta']);
    expect(await readFile(join(project, 'reports/base/refine-1/refine.md'), 'utf8')).toMatch(/^Tokens: bot \d+ in \/ \d+ out \(\d+ calls\) · meta \d+ in \/ \d+ out \(\d+ calls\)\.$/m);
  });

  it('each principle carries complete provenance: class, scenarios, excerpts, patch, pass rates, models, date, prompt versions, run', async () => {
    const guide = await readGuide(project);
    expect(guide.principles.map((p) => [p.status, p.failureClasses])).toEqual([['verified', ['re-ask']], ['verified', ['premature-action']]]);
    const runJson = JSON.parse(await readFile(join(project, 'reports/base/run.json'), 'utf8'));
    const [reAsk, premature] = guide.principles.map((p) => p.provenance[0]!);
    for (const entry of [reAsk!, premature!]) {
      if (entry.kind !== 'verified-fix') throw new Error('expected a verified fix');
      expect(entry).toMatchObject({ runId, bot: 'restaurant', model: 'prompt-follower', metaModel: 'refiner', attempts: 1 });
      expect(entry.excerpts.length).toBeGreaterThan(0);
      expect(entry.excerpts[0]!.lines.some((l) => l.index === entry.excerpts[0]!.messageIndex)).toBe(true);
      expect(entry.patch.edits.length).toBeGreaterThan(0);
      expect(entry.passRates.failing.after.withoutClass).toBe(entry.passRates.failing.after.trials);
      expect(entry.passRates.failing.before.withoutClass).toBeLessThan(entry.passRates.failing.before.trials);
      expect(Date.parse(entry.date)).not.toBeNaN();
      for (const dir of entry.runs) expect(existsSync(join(project, dir, 'transcripts.jsonl'))).toBe(true);
    }
    expect(reAsk!.scenarioIds.sort()).toEqual(['all-at-once', 'not-yet']);
    expect(reAsk!.promptHash).toBe(runJson.bots[0].promptHash);
    // The second fix was made on top of the first: its prompt version is the first one's result.
    expect(premature!.promptHash).toBe(reAsk!.kind === 'verified-fix' ? reAsk!.patchedPromptHash : '');
    const markdown = await readFile(join(project, 'guides/slot-filling.md'), 'utf8');
    for (const p of guide.principles) expect(markdown).toContain(`### <a id="${p.id}"></a>${p.title}`);
    expect(await allText(project)).not.toContain(API_KEY);
  });

  it('re-running refine on the same run leaves the guide as it was', async () => {
    const before = await Promise.all(['json', 'md'].map((ext) => readFile(join(project, `guides/slot-filling.${ext}`), 'utf8')));
    const result = await run(['refine', '--run', 'reports/base', '--meta-model', 'refiner', '--trials', '2', '--out', 'reports/base/refine-2']);
    expect(result.code).toBe(0);
    const after = await Promise.all(['json', 'md'].map((ext) => readFile(join(project, `guides/slot-filling.${ext}`), 'utf8')));
    expect(after).toEqual(before);
    expect((await readRefineReport(join(project, 'reports/base/refine-2'))).classes.map((c) => c.guideAction)).toEqual(['already-recorded', 'already-recorded']);
  });

  it('a principle that restates an existing one is merged into it (here after a fresh run): its provenance accumulates', async () => {
    const fresh = await run(['refine', '--model', 'prompt-follower', ...DETECTORS, '--meta-model', 'refiner', '--trials', '1']);
    expect(fresh.code).toBe(0);
    const reportDir = /^report: (reports\/[^/]+\/refine-[^/]+)\/refine\.md$/m.exec(fresh.stdout)![1]!;
    const guide = await readGuide(project);
    expect(guide.principles).toHaveLength(2);
    for (const p of guide.principles) expect(p.provenance.map((e) => e.kind)).toEqual(['verified-fix', 'verified-fix']);
    expect(new Set(guide.principles[0]!.provenance.map((e) => e.runId)).size).toBe(2);
    expect((await readRefineReport(join(project, reportDir))).classes.map((c) => c.guideAction)).toEqual(['same', 'same']);
    const links = await principlesByClass(join(project, 'guides'));
    expect(links['re-ask']).toEqual([expect.objectContaining({ id: guide.principles[0]!.id, guide: 'slot-filling', anchor: `#${guide.principles[0]!.id}` })]);
  });

  it('guide check: which principles a prompt follows or violates, with quotes from the prompt', async () => {
    const refined = await run(['guide', 'check', 'bots/restaurant/prompt.refined.md', '--model', 'refiner', '--json']);
    expect(refined.code).toBe(0);
    const result = JSON.parse(refined.stdout);
    expect(result.results.map((r: { verdict: string }) => r.verdict)).toEqual(['follows', 'follows']);
    expect(await readFile(join(project, 'bots/restaurant/prompt.refined.md'), 'utf8')).toContain(result.results[0].quote);
    const weak = await run(['guide', 'check', 'bots/restaurant/prompt.md', '--model', 'refiner']);
    expect(weak.stdout).toMatch(/silent +Track slots, not a script of questions/);
    expect(weak.code).toBe(0);
    const invented = await run(['guide', 'check', 'bots/restaurant/prompt.md', '--model', 'quote-inventor']);
    expect(invented).toMatchObject({ code: 3, stderr: expect.stringContaining('quote words copied exactly from the prompt') });
    const offline = await cli(project)(['guide', 'check', 'bots/restaurant/prompt.md', '--model', 'refiner']);
    expect(offline).toMatchObject({ code: 2, stderr: expect.stringContaining('guide check needs a model') });
  });
});

describe('slotcheck refine offline: unverified seeds, upgraded later with a model', () => {
  let server: FakeServer;
  let project: string;
  beforeAll(async () => {
    server = await startFakeOpenAIServer({ responders: { 'prompt-follower': promptFollowingBot, refiner: createScriptedRefiner() } });
    project = await makeRefineProject();
    expect((await cli(project, server.url)(['run', '--model', 'prompt-follower', ...DETECTORS, '--out', 'reports/base'])).code).toBe(1);
  });
  afterAll(async () => {
    await server.close();
    await removeProject(project);
  });

  it('seeds each class with its built-in principle, the evidence and the exact meta-prompt; again changes nothing', async () => {
    const offline = cli(project);
    const result = await offline(['refine', '--run', 'reports/base', '--out', 'reports/base/seed-1']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('re-ask: unverified seed');
    const guide = await readGuide(project);
    expect(guide.principles.map((p) => [p.title, p.status])).toEqual([
      [SEED_PRINCIPLES['re-ask'].title, 'unverified-seed'],
      [SEED_PRINCIPLES['premature-action'].title, 'unverified-seed'],
    ]);
    const entry = guide.principles[0]!.provenance[0]!;
    if (entry.kind !== 'seed') throw new Error('expected a seed');
    expect(entry.excerpts.length).toBeGreaterThan(0);
    expect(entry.metaPrompt).toMatch(/^# Task: propose a prompt patch/);
    expect(entry.metaPrompt).toContain('Failure class: `re-ask`');
    expect(entry.metaPrompt).toContain('Ask the user for these details, one at a time, in this order:');
    expect(existsSync(join(project, 'bots/restaurant/prompt.refined.md'))).toBe(false);
    const before = await readFile(join(project, 'guides/slot-filling.json'), 'utf8');
    expect((await offline(['refine', '--run', 'reports/base', '--out', 'reports/base/seed-2'])).code).toBe(0);
    expect(await readFile(join(project, 'guides/slot-filling.json'), 'utf8')).toBe(before);
  });

  it('with a model, the seeds are upgraded to verified principles, not duplicated', async () => {
    expect((await cli(project, server.url)(['refine', '--run', 'reports/base', '--meta-model', 'refiner', '--trials', '1', '--out', 'reports/base/verify'])).code).toBe(0);
    const guide = await readGuide(project);
    expect(guide.principles.map((p) => p.status)).toEqual(['verified', 'verified']);
    for (const p of guide.principles) expect(p.provenance.map((e) => e.kind)).toEqual(['seed', 'verified-fix']);
  });

  it('without --run and without a model there is nothing to refine: exit 2, nothing written', async () => {
    const result = await cli(project)(['refine', '--guide', 'other']);
    expect(result).toMatchObject({ code: 2, stderr: expect.stringContaining('pass --run reports/<run-id>') });
    expect(existsSync(join(project, 'guides/other.json'))).toBe(false);
  });
});
