import { existsSync } from 'node:fs';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GuideSchema, saveGuide, type Principle } from '../src/guide/index.js';
import { AppliedPromptRecordSchema } from '../src/guide/apply-schema.js';
import { TransferReportSchema } from '../src/guide/transfer-schema.js';
import { createOpenAIChatModel } from '../src/model/index.js';
import { runSuite } from '../src/pipeline/run.js';
import { createScriptedRefiner, HARMFUL_PRINCIPLE, promptFollowingBot, startFakeOpenAIServer, WEAK_PROMPT, type FakeServer, type Responder } from '../src/testing/index.js';
import { makeProject, REPO_ROOT, removeProject } from './helpers.js';
import { cli, readGuide, readRefineReport } from './refine-helpers.js';

/** A rule the prompt-following bot does not react to, for a class the clinic shows: applying it changes nothing there. */
const INEFFECTIVE: Principle = {
  id: 'keep-questions-short', status: 'unverified-seed', title: 'Keep questions short', category: 'localized', failureClasses: ['re-ask'], provenance: [],
  statement: 'Ask for one missing detail per message, in a short question.', rationale: 'Long questions are skimmed.', antiPattern: 'Questions of several sentences.',
  howToApply: 'Add: "Keep every question to one short sentence, and ask for one detail at a time."',
};

/** Answers guide-apply meta-prompts with a quote that is not in the prompt. */
const misquotes: Responder = (request) => {
  const ids = [...String(request.messages[0]!.content).matchAll(/"id":"([a-z0-9-]+)"/g)].map((m) => m[1]);
  const answer = { rationale: 'r', edits: [{ op: 'append', text: 'Ask only for what is missing.' }], implements: ids.map((principleId) => ({ principleId, lines: ['Never ask twice.'] })) };
  return { message: { role: 'assistant', content: JSON.stringify(answer) } };
};

/** The bundled bots, restaurant with a weak prompt and refine's three scenarios, clinic and bank-transfer with their bundled suites. */
async function makeTransferProject(): Promise<string> {
  const dir = await makeProject({ suites: ['clinic', 'bank-transfer'] });
  await cp(join(REPO_ROOT, 'harness/test/fixtures/refine/scenarios'), join(dir, 'scenarios/restaurant'), { recursive: true });
  await writeFile(join(dir, 'bots/restaurant/prompt.md'), WEAK_PROMPT);
  return dir;
}

describe('principles that transfer: refine --transfer, guide apply, guide verify, guide health', () => {
  let server: FakeServer;
  let project: string;
  let run: ReturnType<typeof cli>;
  const suiteOf = async (bot: string, prompt?: string) => {
    const model = createOpenAIChatModel({ baseURL: server.url, apiKey: 'k', timeoutMs: 5000, maxRetries: 0 });
    const result = await runSuite(
      { scenarioPaths: [join(project, 'scenarios', bot)], botsDir: join(project, 'bots'), reportsDir: join(project, 'reports'), trials: 1, concurrency: 4, modelName: 'prompt-follower', conversationTimeoutMs: 10_000, ...(prompt ? { promptOverrides: { [bot]: prompt } } : {}) },
      model,
      { clock: () => new Date() },
    );
    return result.summary.failuresByClass;
  };
  beforeAll(async () => {
    server = await startFakeOpenAIServer({ responders: { 'prompt-follower': promptFollowingBot, refiner: createScriptedRefiner(), misquoter: misquotes } });
    project = await makeTransferProject();
    run = cli(project, server.url);
    expect((await run(['run', 'scenarios/restaurant', '--model', 'prompt-follower', '--detectors', 're-ask,premature-action', '--out', 'reports/base'])).code).toBe(1);
  });
  afterAll(async () => {
    await server.close();
    await removeProject(project);
  });

  it('refine --transfer: each principle gets a result per bot with before/after rates, in the refine report and the guide', async () => {
    const result = await run(['refine', 'scenarios', '--run', 'reports/base', '--meta-model', 'refiner', '--trials', '2', '--transfer', 'clinic,bank-transfer', '--out', 'reports/base/refine']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('track-slots-not-a-script-of-questions → clinic: transferred (free of re-ask: 0/8 → 8/8)');
    const report = await readRefineReport(join(project, 'reports/base/refine'));
    expect(report.classes.map((c) => c.status)).toEqual(['fixed', 'fixed']);
    expect(report.transfers!.map((t) => [t.principleId, t.bot, t.status])).toEqual([
      ['track-slots-not-a-script-of-questions', 'clinic', 'transferred'],
      ['separate-confirming-the-values-from-permission-to-act', 'clinic', 'not-applicable'],
      ['track-slots-not-a-script-of-questions', 'bank-transfer', 'transferred'],
      ['separate-confirming-the-values-from-permission-to-act', 'bank-transfer', 'transferred'],
    ]);
    const bankPremature = report.transfers![3]!.entry!;
    expect(bankPremature).toMatchObject({ classes: ['premature-action'], rates: { before: { trials: 8, withoutClass: 0 }, after: { trials: 8, withoutClass: 8 } }, regressions: [], model: 'prompt-follower', metaModel: 'refiner', trials: 2 });
    for (const dir of bankPremature.runs) expect(existsSync(join(project, dir, 'transcripts.jsonl'))).toBe(true);
    // What it fixed, quoted from the run before; nothing to quote where it was not applicable.
    expect(bankPremature.excerpts.map((e) => e.reason)).toEqual([expect.stringContaining('calls send_transfer before the user approved'), expect.stringContaining('calls send_transfer before the user approved')]);
    expect(report.transfers![1]!.entry!.excerpts).toEqual([]);

    const guide = await readGuide(project);
    expect(guide.schemaVersion).toBe(2);
    expect(guide.principles.map((p) => p.transfer?.summary)).toEqual(['verified on restaurant; transferred to clinic, bank-transfer', 'verified on restaurant; transferred to bank-transfer; not applicable to clinic']);
    expect(guide.principles[0]!.provenance.map((e) => e.kind)).toEqual(['verified-fix', 'transfer', 'transfer']);
    const markdown = await readFile(join(project, 'guides/slot-filling.md'), 'utf8');
    expect(markdown).toContain('- **Transfer:** verified on restaurant; transferred to clinic, bank-transfer');
    expect(markdown).toContain('transfer check `transfer-');
    expect(await readFile(join(project, 'reports/base/refine/refine.md'), 'utf8')).toContain('| Track slots, not a script of questions | `clinic` | transferred | `re-ask`: 0/8 → 8/8 |');
  });

  it('guide apply on a bundled prompt: a revised prompt, a diff and the lines per principle; its suite shows fewer of those failures', async () => {
    const result = await run(['guide', 'apply', 'bots/bank-transfer/prompt.md', '--model', 'refiner']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('bots/bank-transfer/prompt.md → bots/bank-transfer/prompt.applied.md (2 edits; diff: bots/bank-transfer/prompt.applied.diff)');
    const revised = await readFile(join(project, 'bots/bank-transfer/prompt.applied.md'), 'utf8');
    const record = AppliedPromptRecordSchema.parse(JSON.parse(await readFile(join(project, 'bots/bank-transfer/prompt.applied.json'), 'utf8')));
    expect(record.principles.map((p) => p.principleId)).toEqual(['track-slots-not-a-script-of-questions', 'separate-confirming-the-values-from-permission-to-act']);
    for (const line of record.principles.flatMap((p) => p.lines)) expect(revised.split('\n')[line.line - 1]).toContain(line.text);
    const diff = await readFile(join(project, 'bots/bank-transfer/prompt.applied.diff'), 'utf8');
    expect(diff).toMatch(/^--- bots\/bank-transfer\/prompt\.md\n\+\+\+ bots\/bank-transfer\/prompt\.applied\.md\n@@ /);
    expect(diff).toContain('-When you have every detail, call the `send_transfer` tool.');
    // The rest of the changed line is kept.
    expect(revised).toContain('Never say a transfer was sent unless the tool returned it.');

    const before = await suiteOf('bank-transfer');
    const after = await suiteOf('bank-transfer', revised);
    expect(before['re-ask']).toBeGreaterThan(0);
    expect(before['premature-action']).toBeGreaterThan(0);
    expect(after).toEqual({});
  });

  it('a harmful principle is recorded as harmful on the bot it breaks, never as transferred; one the bot ignores has no effect; guide check finds the contradiction', async () => {
    const guide = await readGuide(project);
    const harmful: Principle = { id: 'act-as-soon-as-the-details-are-complete', status: 'unverified-seed', ...HARMFUL_PRINCIPLE, failureClasses: [...HARMFUL_PRINCIPLE.failureClasses], provenance: [] };
    await saveGuide(join(project, 'guides'), { ...guide, principles: [...guide.principles, harmful, INEFFECTIVE] });
    const result = await run(['guide', 'verify', 'scenarios', '--bots', 'clinic', '--principles', `${harmful.id},${INEFFECTIVE.id}`, '--model', 'prompt-follower', '--meta-model', 'refiner', '--trials', '1', '--out', 'reports/harmful']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/act-as-soon-as-the-details-are-complete → clinic: HARMFUL \(free of turn-budget: 4\/4 → 4\/4; 4 regression\(s\)\)/);
    expect(result.stdout).toContain('keep-questions-short → clinic: no effect (free of re-ask: 0/4 → 0/4)');
    const report = TransferReportSchema.parse(JSON.parse(await readFile(join(project, 'reports/harmful/transfer.json'), 'utf8')));
    const harmfulEntry = report.results[0]!.entry!;
    expect(harmfulEntry.regressions[0]).toEqual({ scenarioId: 'dermatology-check-up', reason: 'now also fails with premature-action' });
    // Its evidence: the call it made without approval, quoted from the run after.
    expect(harmfulEntry.excerpts[0]).toMatchObject({ reason: expect.stringContaining('calls book_appointment before the user approved') });
    expect(harmfulEntry.regressions.map((r) => r.scenarioId)).toContain(harmfulEntry.excerpts[0]!.scenarioId);
    expect(harmfulEntry.excerpts[0]!.lines.find((l) => l.index === harmfulEntry.excerpts[0]!.messageIndex)!.text).toMatch(/^book_appointment\(/);
    expect(await readFile(join(project, 'reports/harmful/transfer.md'), 'utf8')).toContain('| Act as soon as the details are complete | `clinic` | **harmful** | `turn-budget`: 4/4 → 4/4 | 0/4 → 0/4 | 4 |');
    const after = await readGuide(project);
    expect(after.principles.find((p) => p.id === harmful.id)!.transfer).toMatchObject({ harmful: ['clinic'], transferred: [], summary: 'not verified by a fix; harmful on clinic' });

    const health = await run(['guide', 'check', '--model', 'refiner', '--json']);
    expect(health.code).toBe(1);
    const { health: found } = JSON.parse(health.stdout);
    expect(found.contradictions).toEqual([expect.objectContaining({ principleIds: [harmful.id, 'separate-confirming-the-values-from-permission-to-act'] })]);
    expect(found.unverified.map((u: { principleId: string }) => u.principleId)).toEqual([harmful.id, INEFFECTIVE.id]);
  });

  it('offline, guide apply, guide verify and refine --transfer print the exact meta-prompts and change nothing', async () => {
    const offline = cli(project);
    const guideBefore = await readFile(join(project, 'guides/slot-filling.json'), 'utf8');
    const apply = await offline(['guide', 'apply', 'bots/clinic/prompt.md']);
    expect(apply.code).toBe(0);
    expect(apply.stdout).toMatch(/^# Task: revise a bot prompt to follow principles\n/);
    expect(apply.stdout).toContain('Ask the patient for these details, one at a time, in this order:');
    expect(apply.stderr).toContain('nothing was changed');
    expect(existsSync(join(project, 'bots/clinic/prompt.applied.md'))).toBe(false);
    const verify = await offline(['guide', 'verify', 'scenarios', '--bots', 'clinic,bank-transfer']);
    expect(verify.code).toBe(0);
    expect(verify.stdout.match(/^===== [a-z-]+ → [a-z-]+ =====$/gm)).toHaveLength(4);
    const refine = await offline(['refine', 'scenarios', '--run', 'reports/base', '--guide', 'offline', '--transfer', 'clinic', '--out', 'reports/base/offline']);
    expect(refine.code).toBe(0);
    expect(refine.stdout).toContain('===== transfer meta-prompt that would be sent: keep-slot-capture-separate-from-the-workflow-steps → clinic =====\n# Task: revise a bot prompt');
    expect((await readRefineReport(join(project, 'reports/base/offline'))).transferPrompts).toHaveLength(2);
    const seeded = GuideSchema.parse(JSON.parse(await readFile(join(project, 'guides/offline.json'), 'utf8')));
    expect(seeded.principles.flatMap((p) => p.provenance.map((e) => e.kind))).toEqual(['seed', 'seed']);
    expect(await readFile(join(project, 'guides/slot-filling.json'), 'utf8')).toBe(guideBefore);
  });

  it('bad input stops before anything is written: an unknown transfer bot, an unknown principle, a prompt that is not there (exit 2)', async () => {
    const unknownBot = await run(['refine', 'scenarios', '--run', 'reports/base', '--meta-model', 'refiner', '--transfer', 'clinic,shop', '--out', 'reports/base/bad']);
    expect(unknownBot).toMatchObject({ code: 2, stderr: expect.stringContaining('no scenario in scenarios uses bot "shop"') });
    expect(existsSync(join(project, 'reports/base/bad'))).toBe(false);
    const unknownPrinciple = await run(['guide', 'apply', 'bots/clinic/prompt.md', '--model', 'refiner', '--principles', 'be-nice']);
    expect(unknownPrinciple).toMatchObject({ code: 2, stderr: expect.stringContaining('guides/slot-filling.json has no principle be-nice (known: ') });
    const missing = await run(['guide', 'apply', 'bots/clinic/nothing.md', '--model', 'refiner']);
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('bots/clinic/nothing.md: no such prompt file') });
    const misquoted = await run(['guide', 'apply', 'bots/clinic/prompt.md', '--model', 'misquoter', '--principles', 'track-slots-not-a-script-of-questions']);
    expect(misquoted).toMatchObject({ code: 3, stderr: expect.stringContaining('not in the revised prompt') });
    expect(existsSync(join(project, 'bots/clinic/prompt.applied.md'))).toBe(false);
    await writeFile(join(project, 'guides/broken.json'), '{"schemaVersion": 2, "name": "broken"}\n');
    expect((await run(['guide', 'verify', '--bots', 'clinic', '--guide', 'broken'])).stderr).toContain('guides/broken.json:1: field "title"');
  });
});
