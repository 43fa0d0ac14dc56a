import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CoverageSchema, type BotCoverage, type CoverageCell } from '../src/coverage/index.js';
import { makeProject, removeProject, REPO_ROOT, runCli, useServerProject } from './helpers.js';

/** `slotcheck coverage` and the Coverage section of reports: what a suite sets up, and what happened in a run. */
describe('coverage', () => {
  const t = useServerProject();
  const json = async (args: string[], cwd = t.project): Promise<BotCoverage[]> => {
    const result = await runCli(['coverage', ...args, '--json'], { cwd });
    expect(result.code).toBe(0);
    return CoverageSchema.parse(JSON.parse(result.stdout)).bots;
  };

  it('on the bundled suite: what each slot, policy, ending and tool outcome gets; a suite whose users say everything up front cannot show invented-value, and says why', async () => {
    const result = await runCli(['coverage'], { cwd: t.project });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('### restaurant\n\ntask BookTable · action book_table · 6 scenarios.');
    expect(result.stdout).toContain('| time | ✓ 2 | ✓ 4 | ✓ 1 | ✗ | n/a |');
    expect(result.stdout).toContain('| tool call fails, then a retry succeeds | ✗ |');
    const [restaurant] = await json([]);
    const reach = Object.fromEntries(restaurant!.classes.map((c) => [c.class, c.reachable]));
    // A user who gives the name only when asked lets a bot book under "Guest" without asking: invented-value.
    expect(reach).toEqual({ 're-ask': true, 'premature-action': true, 'unapproved-detail': false, 'confirmation-as-go-ahead': true, 'ignored-correction': true, 'wrong-value': true, 'invented-value': true, 'missing-action': true, 'turn-budget': true });
    const upFront = await runCli(['coverage', 'scenarios/restaurant/all-at-once.yaml'], { cwd: t.project });
    expect(upFront.stdout).toMatch(/\| `invented-value` \| \*\*no\*\* \| \| every user gives every slot of book_table \(date, time, party_size, name\) in the opening message, so the bot never has one to fill by itself/);
    expect(restaurant!.classes.find((c) => c.class === 'ignored-correction')!.examples).toEqual(['changes-the-time']);
    // The scripted scenario is read from its script: date and party size up front, the rest when asked.
    const slots = Object.fromEntries(restaurant!.slots.map((s) => [s.slot, [s.volunteered.scenarios, s.asked.scenarios]]));
    expect(slots).toEqual({ date: [5, 1], time: [2, 4], party_size: [4, 2], name: [2, 4] });
  });

  it('a suite whose user leaves a slot out can show invented-value; each class names scenarios that can trigger it', async () => {
    const fixture = await makeProject({ from: join(REPO_ROOT, 'harness/test/fixtures/failure-classes') });
    try {
      await runCli(['scenarios', 'generate', '--bot', 'bistro', '--out', 'scenarios/gen'], { cwd: fixture });
      const bots = await json(['scenarios'], fixture);
      const bistro = bots.find((b) => b.bot === 'bistro');
      // Every class but unapproved-detail: the bistro's booking takes no card or amount (its sibling with a deposit card does).
      expect(bistro!.classes.filter((c) => !(c.reachable && c.examples.length > 0)).map((c) => c.class)).toEqual(['unapproved-detail']);
      expect(bots.find((b) => b.bot === 'bistro-deposit')!.classes.find((c) => c.class === 'unapproved-detail')).toMatchObject({ reachable: true });
      expect(bistro!.slots.find((s) => s.slot === 'seating')).toMatchObject({ asked: { applies: false }, leftOut: { scenarios: expect.any(Number) } });
    } finally {
      await removeProject(fixture);
    }
  });

  it('after a run, every cell says where it happened: for the careful bot exactly where the suite set it up; the report has the same tables', async () => {
    await runCli(['scenarios', 'generate', '--bot', 'restaurant', '--out', 'scenarios/restaurant/generated'], { cwd: t.project });
    expect((await runCli(['run', '--model', 'careful', '--out', 'careful', '--no-history'], { cwd: t.project, env: t.env })).code).toBe(0);
    const [restaurant] = await json(['--run', 'careful']);
    const cells: Array<[string, CoverageCell]> = [
      ...restaurant!.slots.flatMap((s) => Object.entries(s).filter(([k]) => k !== 'slot').map(([k, c]) => [`${s.slot}.${k}`, c as CoverageCell] as [string, CoverageCell])),
      ...restaurant!.policies.map((p) => [`${p.confirmation}/${p.goAhead}`, p.cell] as [string, CoverageCell]),
      ...Object.entries(restaurant!.endings), ...Object.entries(restaurant!.tools),
    ];
    expect(cells.filter(([, c]) => c.occurred !== c.scenarios).map(([name, c]) => `${name}: ${c.scenarios} planned, ${c.occurred} seen`)).toEqual([]);
    expect(restaurant!.tools.retry.scenarios).toBeGreaterThan(0);
    expect(restaurant!.classes.every((c) => c.found === 0)).toBe(true);
    const report = await readFile(join(t.project, 'careful', 'report.md'), 'utf8');
    expect(report).toMatch(/## Coverage[\s\S]*\| tool call fails, then a retry succeeds \| ✓ (\d+) · seen \1 \|/);
    expect(await readFile(join(t.project, 'careful', 'report.html'), 'utf8')).toMatch(/<section id="coverage"[\s\S]*<td>tool call fails, then a retry succeeds<\/td><td>✓ \d+ · seen \d+<\/td>/);
  });

  it('a run of a bot with a flaw: the class is found where the suite can trigger it', async () => {
    await runCli(['run', 'scenarios/restaurant/changes-the-time.yaml', 'scenarios/restaurant/all-at-once.yaml', '--model', 'stubborn', '--out', 'stubborn', '--no-history'], { cwd: t.project, env: t.env });
    const [restaurant] = await json(['scenarios/restaurant/changes-the-time.yaml', 'scenarios/restaurant/all-at-once.yaml', '--run', 'stubborn']);
    expect(restaurant!.classes.find((c) => c.class === 'ignored-correction')).toMatchObject({ reachable: true, found: 1 });
    expect(restaurant!.slots.find((s) => s.slot === 'time')!.correctedAtConfirmation).toEqual({ scenarios: 1, occurred: 1 });
  });
});
