import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScriptedRefiner, promptFollowingBot, startFakeOpenAIServer, WEAK_PROMPT, type FakeServer } from '../src/testing/index.js';
import { REPO_ROOT, removeProject } from './helpers.js';
import { cli, readRefineReport } from './refine-helpers.js';

/**
 * refine on the bundled restaurant suite, with every detector: each of the weak
 * prompt's two faults hides the other (a bot that re-asks never gets far enough to
 * book early; one told to confirm first runs out of turns re-asking). Fixed one at
 * a time, each fix brings the other to light in scenarios that already failed:
 * that class is left to its own fix, not counted as a regression. Classes that were
 * only symptoms are gone once both are fixed, and are not "fixed" again.
 */
describe('refine on the bundled restaurant suite with a weak prompt', () => {
  let server: FakeServer;
  let project: string;
  beforeAll(async () => {
    server = await startFakeOpenAIServer({ responders: { 'prompt-follower': promptFollowingBot, refiner: createScriptedRefiner() } });
    project = await mkdtemp(join(tmpdir(), 'slotcheck-refine-bundled-'));
    await cp(join(REPO_ROOT, 'bots'), join(project, 'bots'), { recursive: true });
    await cp(join(REPO_ROOT, 'scenarios'), join(project, 'scenarios'), { recursive: true });
    await writeFile(join(project, 'bots/restaurant/prompt.md'), WEAK_PROMPT);
  });
  afterAll(async () => {
    await server.close();
    await removeProject(project);
  });

  it('as the README shows it: fixes and generalises re-ask and premature-action; the classes they caused are gone, not fixed again; both principles transfer', async () => {
    const readme = await readFile(join(REPO_ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(`cat > bots/restaurant/prompt.md <<'EOF'\n${WEAK_PROMPT}EOF\n`);
    expect(readme).toContain('npx slotcheck run scenarios/restaurant --model prompt-follower --out reports/draft\nnpx slotcheck refine scenarios --run reports/draft --meta-model refiner --transfer clinic,bank-transfer\n');
    const run = cli(project, server.url);
    expect((await run(['run', 'scenarios/restaurant', '--model', 'prompt-follower', '--out', 'reports/base', '--no-history'])).code).toBe(1);
    const result = await run(['refine', 'scenarios', '--run', 'reports/base', '--meta-model', 'refiner', '--transfer', 'clinic,bank-transfer', '--out', 'reports/base/refine']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('restaurant missing-action: skipped: no longer occurs after the fixes of `re-ask`, `premature-action`');
    const report = await readRefineReport(join(project, 'reports/base/refine'));
    const classes = report.classes.map((c) => [c.failureClass, c.status]);
    expect(classes.slice(0, 2)).toEqual([['re-ask', 'fixed'], ['premature-action', 'fixed']]);
    for (const [, status] of classes.slice(2)) expect(status).toBe('skipped');
    expect(report.classes[2]!.reason).toMatch(/^No longer occurs after the fixes of `re-ask`, `premature-action`/);
    expect(report.transfers!.map((t) => t.status)).toEqual(['transferred', 'not-applicable', 'transferred', 'transferred']);
    const surfaced = report.classes[0]!.attempts[0]!.verification!.surfaced;
    expect(surfaced).toContainEqual(expect.objectContaining({ classes: ['premature-action'] }));
    expect(await readFile(join(project, 'reports/base/refine/refine.md'), 'utf8')).toMatch(/Brought to light where the scenario already failed, and left to that class's own fix: .*\(`premature-action`\)/);
    // The refined prompt passes the whole suite.
    await cp(join(project, 'bots/restaurant/prompt.refined.md'), join(project, 'bots/restaurant/prompt.md'));
    const after = await run(['run', 'scenarios/restaurant', '--model', 'prompt-follower', '--trials', '2', '--out', 'reports/after', '--no-history']);
    expect(after.stdout).toMatch(/^12 passed, 0 failed, 0 errors of 12 conversations/);
  });
});
