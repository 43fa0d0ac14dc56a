import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scriptedUserModel } from '../src/testing/index.js';
import { readJsonl, runCli, useServerProject } from './helpers.js';

interface Count { calls: number; promptTokens: number; completionTokens: number }
interface Summary {
  totals: { conversations: number };
  modelCalls?: { calls: number };
  usage?: { byRole: Record<string, Count>; byRoleAndModel: Record<string, Record<string, Count>>; cost?: { total: number; byRole: Record<string, number>; unpriced: string[]; currency: string } };
}
interface Line { id: string; usage?: Record<string, Record<string, Count>> }

const RECORDED = {
  id: 'recorded-1',
  task: { name: 'BookTable', slots: [{ name: 'date', type: 'date' }], actions: [{ name: 'book_table', required: ['date'], consequential: true }] },
  messages: [{ role: 'user', content: 'A table on 2026-12-05, please.' }, { role: 'assistant', content: 'Booked.' }],
};

/** Tokens per role from the endpoint's usage, money from a price table, and a token budget that stops like Ctrl-C. */
describe('cost: tokens per role, prices, --max-tokens', () => {
  const t = useServerProject({
    server: { recordRequests: true, responders: { 'user-sim': scriptedUserModel, 'tagger-model': () => ({ message: { role: 'assistant', content: '{"messages": []}' } }) } },
  });
  beforeAll(async () => {
    await writeFile(join(t.project, 'prices.yaml'), 'currency: EUR\nmodels:\n  careful: { input: 2.5, output: 10 }\n');
    await writeFile(join(t.project, 'recorded.jsonl'), `${JSON.stringify(RECORDED)}\n`);
  });
  const summaryOf = async (dir: string) => JSON.parse(await readFile(join(t.project, dir, 'summary.json'), 'utf8')) as Summary;

  it('counts the bot\'s and the simulated user\'s tokens apart, prices the priced model and names the unpriced one', async () => {
    const result = await runCli(['run', '--model', 'careful', '--simulator', 'llm', '--simulator-model', 'user-sim', '--prices', 'prices.yaml', '--out', 'priced', '--no-history'], { cwd: t.project, env: t.env });
    expect(result.code).toBe(0);
    const summary = await summaryOf('priced');
    const { bot, user } = summary.usage!.byRole;
    expect(bot!.calls).toBe(summary.modelCalls!.calls);
    expect(bot!.calls).toBe(t.server.requests.filter((r) => r.body.model === 'careful').length);
    expect(user!.calls).toBe(t.server.requests.filter((r) => r.body.model === 'user-sim').length);
    expect(bot!.promptTokens).toBeGreaterThan(bot!.calls * 50);
    // The summary is the sum of what each conversation recorded.
    const lines = await readJsonl<Line>(join(t.project, 'priced', 'transcripts.jsonl'));
    expect(lines.reduce((n, l) => n + (l.usage?.bot?.careful?.promptTokens ?? 0), 0)).toBe(bot!.promptTokens);
    const cost = summary.usage!.cost!;
    expect(cost.byRole.bot).toBeCloseTo((bot!.promptTokens * 2.5 + bot!.completionTokens * 10) / 1e6, 10);
    expect(cost).toMatchObject({ currency: 'EUR', unpriced: ['user-sim'] });
    expect(result.stdout).toMatch(new RegExp(`^tokens: bot ${bot!.promptTokens.toLocaleString('en-US')} in / ${bot!.completionTokens.toLocaleString('en-US')} out · simulated user [\\d,]+ in / [\\d,]+ out; cost [\\d.]+ EUR \\(no price for user-sim\\)$`, 'm'));
    const markdown = await readFile(join(t.project, 'priced', 'report.md'), 'utf8');
    expect(markdown).toMatch(/## Cost[\s\S]*\| bot \| \d+ \| [\d,]+ \| [\d,]+ \| [\d.]+ EUR \|[\s\S]*\| simulated user \|[\s\S]*No price for `user-sim`/);
    expect(await readFile(join(t.project, 'priced', 'report.html'), 'utf8')).toMatch(/<section id="cost"[\s\S]*<td>simulated user<\/td>/);
  });

  it('counts the tagger\'s tokens when analysing with the LLM tagger', async () => {
    const result = await runCli(['analyze', 'recorded.jsonl', '--tagger', 'llm', '--tagger-model', 'tagger-model', '--no-tagger-cache', '--out', 'tagged', '--no-history'], { cwd: t.project, env: t.env });
    expect(result.stderr).toBe('');
    expect((await summaryOf('tagged')).usage!.byRole).toEqual({ tagger: expect.objectContaining({ calls: 1 }) });
    expect(result.stdout).toMatch(/^tokens: tagger [\d,]+ in \/ [\d,]+ out$/m);
  });

  it('a bad price table is bad input: file, line and field, exit 2, nothing run', async () => {
    await writeFile(join(t.project, 'bad-prices.yaml'), 'models:\n  careful: { input: -1, output: 10 }\n');
    const before = t.server.stats.chat;
    const result = await runCli(['run', '--model', 'careful', '--prices', 'bad-prices.yaml', '--out', 'never'], { cwd: t.project, env: t.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^slotcheck: bad-prices\.yaml:2: field "models\.careful\.input"/m);
    expect(t.server.stats.chat).toBe(before);
  });

  it('--max-tokens stops before the budget is passed, like an interrupt; --resume finishes with nothing lost or twice', async () => {
    const run = await runCli(['run', '--model', 'careful', '--trials', '3', '--concurrency', '1', '--max-tokens', '6000', '--out', 'budget', '--no-history'], { cwd: t.project, env: t.env });
    expect(run.code).toBe(130);
    expect(run.stderr).toMatch(/^slotcheck: stopped before passing the token budget \(--max-tokens 6000; [\d,]+ tokens spent\); \d+ conversations not run yet\. Finish them with:\n {2}slotcheck run --resume budget$/m);
    const partial = await summaryOf('budget');
    const spent = partial.usage!.byRole.bot!;
    expect(spent.promptTokens + spent.completionTokens).toBeLessThanOrEqual(6000);
    expect(partial.totals.conversations).toBeGreaterThan(0);
    expect(partial.totals.conversations).toBeLessThan(18);
    const resumed = await runCli(['run', '--resume', 'budget', '--no-history'], { cwd: t.project, env: t.env });
    expect(resumed.code).toBe(0);
    const ids = (await readJsonl<Line>(join(t.project, 'budget', 'transcripts.jsonl'))).map((l) => l.id);
    expect(ids).toHaveLength(18);
    expect(new Set(ids).size).toBe(18);
  });

  it('--max-tokens at the default concurrency: the tokens spent go into conversations that finish, and each resume with the same budget gets further', async () => {
    const full = await summaryOf('priced');
    const fullTokens = full.usage!.byRole.bot!.promptTokens + full.usage!.byRole.bot!.completionTokens;
    const budget = String(Math.round((fullTokens * 3) / 2)); // half of what 3 trials of the suite take
    const tokensOf = (l: Line) => Object.values(l.usage?.bot ?? {}).reduce((n, c) => n + c.promptTokens + c.completionTokens, 0);
    const spentIn = (stderr: string) => Number(/; ([\d,]+) tokens spent\)/.exec(stderr)![1]!.replace(/,/g, ''));
    const first = await runCli(['run', '--model', 'careful', '--trials', '3', '--max-tokens', budget, '--out', 'budget-wide', '--no-history'], { cwd: t.project, env: t.env });
    expect(first.code).toBe(130);
    const lines = await readJsonl<Line>(join(t.project, 'budget-wide', 'transcripts.jsonl'));
    expect(lines.length).toBeGreaterThanOrEqual(6);
    expect(lines.reduce((n, l) => n + tokensOf(l), 0)).toBeGreaterThanOrEqual(spentIn(first.stderr) * 0.75);
    let done = lines.length;
    for (let resumes = 0; done < 18; resumes += 1) {
      expect(resumes).toBeLessThan(3);
      const resumed = await runCli(['run', '--resume', 'budget-wide', '--max-tokens', budget, '--no-history'], { cwd: t.project, env: t.env });
      const now = (await readJsonl<Line>(join(t.project, 'budget-wide', 'transcripts.jsonl'))).length;
      expect(now).toBeGreaterThan(done);
      expect(resumed.code).toBe(now < 18 ? 130 : 0);
      done = now;
    }
    const ids = (await readJsonl<Line>(join(t.project, 'budget-wide', 'transcripts.jsonl'))).map((l) => l.id);
    expect(new Set(ids).size).toBe(18);
    expect(ids).toHaveLength(18);
  });
});
