import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScriptedRefiner, GOOD_FIXES, promptFollowingBot, startFakeOpenAIServer, WEAK_PROMPT, type FakeServer } from '../src/testing/index.js';
import { removeProject } from './helpers.js';
import { cli, makeRefineProject, readGuide, readRefineReport } from './refine-helpers.js';

/** WEAK_PROMPT with the confirmation rule already in place: only re-ask fails, and step-by-step passes. */
const CONFIRMING_PROMPT = WEAK_PROMPT.replace(
  'When you have every detail, call the `book_table` tool.',
  'When you have every detail, repeat them back and ask whether they are correct; then ask "Shall I go ahead and book it?" and call the `book_table` tool only after the user says yes.',
);
const DOES_NOT_FIX = { rationale: 'Politeness helps.', edits: [{ op: 'append', text: 'Be polite and listen carefully to the user.' }] };
const OVERREACHES = { rationale: 'Stop asking; just book.', edits: [{ op: 'insert_after', anchor: '{{/each}}', text: 'Never ask again for a detail the user already gave; book as soon as you have every detail.' }] };
const MISSING_ANCHOR = { rationale: 'Anchor on a rule the prompt does not have.', edits: [{ op: 'replace', anchor: 'Ask every question twice.', text: 'Never ask again.' }] };

describe('refine attempts: rejected patches are recorded, fed back and retried', () => {
  let server: FakeServer;
  const projects: string[] = [];
  beforeAll(async () => {
    server = await startFakeOpenAIServer({
      recordRequests: true,
      responders: {
        'prompt-follower': promptFollowingBot,
        'retry-refiner': createScriptedRefiner({ fixes: { 're-ask': [DOES_NOT_FIX, GOOD_FIXES['re-ask']] } }),
        'regression-refiner': createScriptedRefiner({ fixes: { 're-ask': [OVERREACHES, GOOD_FIXES['re-ask']] } }),
        'flaky-refiner': createScriptedRefiner({
          fixes: { 're-ask': ['Sure! Here is the patch you asked for.', '{"rationale": "no edits"}', MISSING_ANCHOR, GOOD_FIXES['re-ask']] },
          principles: { 'premature-action': ['not json', 'still not json'] },
        }),
        down: () => ({ status: 503, body: { error: { message: 'overloaded' } } }),
        'bad-judge': createScriptedRefiner({ judge: () => ({ verdict: 'same', principleId: 'no-such-principle', reason: 'made up' }) }),
      },
    });
  });
  afterAll(async () => {
    await server.close();
    for (const p of projects) await removeProject(p);
  });
  const project = async (prompt?: string) => {
    const dir = await makeRefineProject(prompt);
    projects.push(dir);
    const run = cli(dir, server.url);
    expect((await run(['run', '--model', 'prompt-follower', '--detectors', 're-ask,premature-action', '--out', 'reports/base'])).code).toBe(1);
    return { dir, run };
  };

  it('a patch that does not fix the failure is rejected, fed back, and the next one accepted', async () => {
    const { dir, run } = await project();
    const result = await run(['refine', '--run', 'reports/base', '--meta-model', 'retry-refiner', '--classes', 're-ask', '--trials', '2', '--out', 'out']);
    expect(result.code).toBe(0);
    const [reAsk, premature] = (await readRefineReport(join(dir, 'out'))).classes;
    expect(premature).toMatchObject({ failureClass: 'premature-action', status: 'skipped' });
    expect(reAsk!.attempts.map((a) => a.outcome)).toEqual(['not-fixed', 'accepted']);
    expect(reAsk!.attempts[0]).toMatchObject({ patch: DOES_NOT_FIX, verification: { stillFailing: expect.arrayContaining([expect.objectContaining({ scenarioId: 'all-at-once', failed: 2, trials: 2 })]) } });
    const second = server.requests.filter((r) => r.body.model === 'retry-refiner' && String(r.body.messages[0]!.content).startsWith('# Task: propose')).at(-1)!;
    expect(second.body.messages[0]!.content).toContain('Attempt 1: not-fixed. `re-ask` still occurs with the patched prompt in');
    expect(second.body.messages[0]!.content).toContain('+ Be polite and listen carefully to the user.');
    expect(await readFile(join(dir, 'bots/restaurant/prompt.refined.md'), 'utf8')).toContain('Never ask again for a detail');
  });

  it('a patch that fixes the class but breaks another scenario is rejected as a regression (--write: over prompt.md)', async () => {
    const { dir, run } = await project(CONFIRMING_PROMPT);
    const result = await run(['refine', '--run', 'reports/base', '--meta-model', 'regression-refiner', '--trials', '2', '--write', '--out', 'out']);
    expect(result.code).toBe(0);
    const [reAsk] = (await readRefineReport(join(dir, 'out'))).classes;
    expect(reAsk!.attempts.map((a) => a.outcome)).toEqual(['regression', 'accepted']);
    expect(reAsk!.attempts[0]!.verification!.stillFailing).toEqual([]);
    expect(reAsk!.attempts[0]!.verification!.regressions).toContainEqual({ scenarioId: 'step-by-step', reason: 'passed before, now fails with premature-action' });
    expect(reAsk!.attempts[0]!.problem).toMatch(/^The patch stopped `re-ask` but broke other behaviour: .*step-by-step: passed before/);
    const written = await readFile(join(dir, 'bots/restaurant/prompt.md'), 'utf8');
    expect(written).toContain('Never ask again for a detail');
    expect(written).not.toContain('as soon as you have');
    expect(existsSync(join(dir, 'bots/restaurant/prompt.refined.md'))).toBe(false);
  });

  it('invalid model JSON and a patch that does not apply are recorded and retried; a failed principle loses nothing', async () => {
    const { dir, run } = await project();
    const result = await run(['refine', '--run', 'reports/base', '--meta-model', 'flaky-refiner', '--trials', '1', '--out', 'out']);
    expect(result.code).toBe(1);
    const [reAsk, premature] = (await readRefineReport(join(dir, 'out'))).classes;
    expect(reAsk!.attempts.map((a) => a.outcome)).toEqual(['invalid-output', 'does-not-apply', 'accepted']);
    expect(reAsk!.attempts[0]!.rawOutputs).toEqual(['Sure! Here is the patch you asked for.', '{"rationale": "no edits"}']);
    expect(reAsk!.attempts[1]).toMatchObject({ patch: MISSING_ANCHOR, problem: expect.stringContaining('"Ask every question twice." occurs 0 times') });
    expect(reAsk!.status).toBe('fixed');
    expect(premature).toMatchObject({ status: 'fixed-not-generalised', attempts: [expect.objectContaining({ outcome: 'accepted' })] });
    const refined = await readFile(join(dir, 'bots/restaurant/prompt.refined.md'), 'utf8');
    expect(refined).toContain('Never ask again');
    expect(refined).toContain('only after the user says yes');
    const guide = await readGuide(dir);
    expect(guide.principles.map((p) => [p.status, p.failureClasses[0]])).toEqual([['verified', 're-ask'], ['unverified-seed', 'premature-action']]);
    expect(guide.principles[1]!.provenance).toEqual([expect.objectContaining({ kind: 'verified-fix', patch: GOOD_FIXES['premature-action'] })]);
    expect(await readFile(join(dir, 'out/refine.md'), 'utf8')).toContain('Sure! Here is the patch you asked for.');
  });

  it('an API error is recorded, ends the class without a fix, and is never counted as one (exit 3)', async () => {
    const { dir, run } = await project();
    const result = await run(['refine', '--run', 'reports/base', '--meta-model', 'down', '--retries', '0', '--classes', 're-ask', '--out', 'out']);
    expect(result.code).toBe(3);
    const [reAsk] = (await readRefineReport(join(dir, 'out'))).classes;
    expect(reAsk).toMatchObject({ status: 'no-verified-fix', attempts: [expect.objectContaining({ outcome: 'api-error', problem: expect.stringContaining('MODEL_SERVER') })] });
    expect((await readGuide(dir)).principles.map((p) => p.status)).toEqual(['unverified-seed']);
    expect(existsSync(join(dir, 'bots/restaurant/prompt.refined.md'))).toBe(false);
  });

  it('a judge that names no existing principle is retried, then the principle is added as new with a note: nothing is lost', async () => {
    const { dir, run } = await project();
    expect((await run(['refine', '--run', 'reports/base', '--meta-model', 'bad-judge', '--classes', 're-ask', '--trials', '1', '--out', 'out-1'])).code).toBe(0);
    expect((await run(['run', '--model', 'prompt-follower', '--detectors', 're-ask,premature-action', '--out', 'reports/second'])).code).toBe(1);
    expect((await run(['refine', '--run', 'reports/second', '--meta-model', 'bad-judge', '--classes', 're-ask', '--trials', '1', '--out', 'out-2'])).code).toBe(0);
    const [reAsk] = (await readRefineReport(join(dir, 'out-2'))).classes;
    expect(reAsk).toMatchObject({ status: 'fixed', guideAction: 'new', reason: expect.stringContaining('judge failed (MODEL_OUTPUT_INVALID') });
    expect((await readGuide(dir)).principles.map((p) => p.id)).toEqual(['track-slots-not-a-script-of-questions', 'track-slots-not-a-script-of-questions-2']);
  });

  it('bad input stops refine before anything is written: exit 2 with file, line and field', async () => {
    const { dir, run } = await project();
    await mkdir(join(dir, 'guides'), { recursive: true });
    await writeFile(join(dir, 'guides/broken.json'), '{\n  "schemaVersion": 3,\n  "name": "broken", "title": "t", "description": "d", "principles": []\n}\n');
    const broken = await run(['refine', '--run', 'reports/base', '--guide', 'broken', '--meta-model', 'retry-refiner', '--out', 'out-1']);
    expect(broken).toMatchObject({ code: 2, stderr: expect.stringMatching(/^slotcheck: guides\/broken\.json:2: field "schemaVersion"/) });
    const notRun = await run(['refine', '--run', 'scenarios', '--out', 'out-2']);
    expect(notRun).toMatchObject({ code: 2, stderr: expect.stringContaining('scenarios is not a run folder') });
    const unknown = await run(['refine', '--run', 'reports/base', '--classes', 're-ask,shouting', '--out', 'out-3']);
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown failure class shouting') });
    for (const out of ['out-1', 'out-2', 'out-3']) expect(existsSync(join(dir, out))).toBe(false);
    expect(existsSync(join(dir, 'guides/slot-filling.json'))).toBe(false);
  });
});
