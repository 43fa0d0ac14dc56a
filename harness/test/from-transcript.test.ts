import { existsSync } from 'node:fs';
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli, useServerProject } from './helpers.js';

const EXAMPLES = join(REPO_ROOT, 'harness/examples/conversations.jsonl');
const OUT = 'scenarios/restaurant/regressions';
type Scenario = { bot: string; today?: string; tags: string[]; user: Record<string, unknown>; expect: Record<string, unknown> };

/** `slotcheck scenarios from-transcript`: a recorded conversation becomes a regression scenario that replays the user's goal. */
describe('scenarios from-transcript', () => {
  const t = useServerProject();
  const read = async (id: string, dir = OUT) => parse(await readFile(join(t.project, dir, `regression-${id}.yaml`), 'utf8')) as Scenario;

  it('turns each bundled example conversation into a scenario that validates', async () => {
    const result = await runCli(['scenarios', 'from-transcript', EXAMPLES], { cwd: t.project });
    expect(result.code).toBe(0);
    const files = await readdir(join(t.project, OUT));
    expect(files).toHaveLength(11);
    expect((await runCli(['validate', OUT], { cwd: t.project })).stdout).toBe('ok: 11 scenarios, 1 bot (restaurant)\n');
  });

  it('replays what the user did: values in canonical form, a change of mind and its timing, the action a correct bot ends with', async () => {
    // "A table for 2 on December 3rd at 7 pm please, name Ken." … "Actually, make it 8 pm." in answer to the confirmation.
    expect(await read('example-07-ignored-correction')).toMatchObject({
      bot: 'restaurant', today: '2026-11-24', tags: ['regression'],
      user: { goal: { party_size: 2, date: '2026-12-03', time: '19:00', name: 'Ken' }, volunteer: ['party_size', 'date', 'time', 'name'], corrections: [{ slot: 'time', to: '20:00', when: 'at-confirmation' }], confirmation: 'affirm', goAhead: 'when-asked' },
      expect: { action: { name: 'book_table' } },
    });
    // "No, the time is wrong." … "8 pm.": a change made by rejecting the confirmation.
    expect((await read('example-05-correction-then-legitimate-re-ask')).user).toMatchObject({ corrections: [{ slot: 'time', to: '20:00', when: 'at-confirmation' }] });
  });

  it('what the conversation does not show is a commented placeholder, never a value', async () => {
    // The bot booked before the user ever confirmed: how they would have confirmed and authorised is unknown.
    const text = await readFile(join(t.project, OUT, 'regression-example-03-premature-action.yaml'), 'utf8');
    expect(text).toMatch(/^ {2}# confirmation: the user never answered a confirmation/m);
    expect(text).toMatch(/^ {2}# action: the user never authorised the action/m);
    const scenario = parse(text) as Scenario;
    expect(scenario.user).not.toHaveProperty('confirmation');
    expect(scenario.expect).not.toHaveProperty('action');
    // The user never gave a name, and the bot made one up: it stays out of the goal.
    const invented = await readFile(join(t.project, OUT, 'regression-example-08-invented-value.yaml'), 'utf8');
    expect(invented).toMatch(/^ {2}# goal\.name: the user never gave it/m);
    expect((parse(invented) as Scenario).user.goal).not.toHaveProperty('name');
  });

  it('a simulated run\'s transcript gives back the scenarios that produced it', async () => {
    await writeFile(join(t.project, 'scenarios/restaurant/retries.yaml'), 'bot: restaurant\ntoday: 2026-11-24\nuser:\n  goal: { date: 2026-12-05, time: "19:30", party_size: 2, name: Ada }\n  volunteer: [date]\ntoolMocks:\n  book_table:\n    - sequence: [ { error: unavailable }, { returns: { status: booked, reference: CA-1042 } } ]\n');
    const ids = ['changes-the-time#1', 'not-yet#1', 'yes-go-ahead#1', 'dinner-for-four#1', 'retries#1'];
    const files = ids.map((id) => `scenarios/restaurant/${id.split('#')[0]}.yaml`);
    expect((await runCli(['run', ...files, '--model', 'careful', '--out', 'run', '--no-history'], { cwd: t.project, env: t.env })).code).toBe(0);
    expect((await runCli(['scenarios', 'from-transcript', 'run/transcripts.jsonl', '--id', ids.join(','), '--out', 'back'], { cwd: t.project })).code).toBe(0);
    for (const id of ids) {
      const original = parse(await readFile(join(t.project, 'scenarios/restaurant', `${id.split('#')[0]}.yaml`), 'utf8')) as Scenario;
      const back = await read(id.replace('#', '-'), 'back');
      const { goal, volunteer = [], corrections = [], confirmation = 'affirm', goAhead = 'when-asked' } = original.user as Record<string, unknown>;
      expect({ ...back.user, volunteer: [...(back.user.volunteer as string[])].sort() }, id).toEqual({ goal, volunteer: [...(volunteer as string[])].sort(), ...((corrections as unknown[]).length > 0 ? { corrections } : {}), confirmation, goAhead });
      expect(back.expect.action, id).toEqual(original.expect?.action === null ? null : { name: 'book_table' });
      expect((back as { toolMocks?: unknown }).toolMocks, id).toEqual((original as { toolMocks?: unknown }).toolMocks);
    }
  });

  it('a service that runs its own tool and numbers its calls per turn: each call keeps its own result; an HTTP bot gets no toolMocks, a comment instead', async () => {
    const call = (args: object) => ({ role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'book_table', arguments: JSON.stringify(args) } }] });
    const args = { date: '2026-12-05', time: '19:30', party_size: 2, name: 'Ada' };
    const conversation = {
      id: 'desk-1', today: '2026-11-24',
      task: { name: 'BookTable', slots: [{ name: 'date', type: 'date' }, { name: 'time', type: 'time' }, { name: 'party_size', type: 'integer' }, { name: 'name', type: 'string' }], actions: [{ name: 'book_table', required: ['date', 'time', 'party_size', 'name'], consequential: true }] },
      messages: [
        { role: 'user', content: 'A table for 2 on 2026-12-05 at 19:30, name Ada.' },
        { role: 'assistant', content: 'To confirm: 2 people on 2026-12-05 at 19:30, name Ada. Shall I book it?' },
        { role: 'user', content: 'Yes, please go ahead.' },
        call(args), { role: 'tool', tool_call_id: 'call_1', content: '{"status": "error", "error": "fully booked"}' },
        { role: 'assistant', content: 'Sorry, that failed. Shall I try again with the same details?' },
        { role: 'user', content: 'Yes, please go ahead.' },
        call(args), { role: 'tool', tool_call_id: 'call_1', content: '{"status": "booked", "reference": "HB-2"}' },
        { role: 'assistant', content: 'Booked: HB-2.' },
      ],
    };
    await writeFile(join(t.project, 'desk.jsonl'), `${JSON.stringify(conversation)}\n`);
    expect((await runCli(['scenarios', 'from-transcript', 'desk.jsonl', '--bot', 'restaurant', '--out', 'desk-prompt'], { cwd: t.project })).code).toBe(0);
    expect(parse(await readFile(join(t.project, 'desk-prompt/regression-desk-1.yaml'), 'utf8')).toolMocks).toEqual({ book_table: [{ sequence: [{ error: 'fully booked' }, { returns: { status: 'booked', reference: 'HB-2' } }] }] });
    // The same conversation for an HTTP bot: slotcheck does not play its tools.
    const env = { BOT_URL: 'http://127.0.0.1:1' };
    await cp(join(REPO_ROOT, 'harness/examples/your-bot/bots/restaurant-service'), join(t.project, 'http-bots/restaurant-service'), { recursive: true });
    const http = await runCli(['scenarios', 'from-transcript', 'desk.jsonl', '--bots', 'http-bots', '--bot', 'restaurant-service', '--out', 'desk-http'], { cwd: t.project, env });
    expect(http).toMatchObject({ code: 0, stderr: '' });
    const text = await readFile(join(t.project, 'desk-http/regression-desk-1.yaml'), 'utf8');
    expect(parse(text)).not.toHaveProperty('toolMocks');
    expect(text).toMatch(/^# The bot's own book_table failed \(fully booked\), then succeeded: an HTTP bot runs its own tools/m);
    expect((await runCli(['validate', 'desk-http', '--bots', 'http-bots'], { cwd: t.project, env })).code).toBe(0);
  });

  it('reads CSV too; refuses to replace an existing file, an unknown id, or a task no bot serves, writing nothing', async () => {
    const csv = ['conversation_id,role,content', 'c1,user,"A table for 3 on 2026-12-06 at 19:00, name Li."', 'c1,assistant,"To confirm: 3 people on 2026-12-06 at 19:00 under Li. Is that correct?"', 'c1,user,"No, I\'d rather not book yet."'].join('\n');
    await writeFile(join(t.project, 'log.csv'), `${csv}\n`);
    const fromCsv = await runCli(['scenarios', 'from-transcript', 'log.csv', '--task', 'bots/restaurant/bot.yaml', '--out', 'csv'], { cwd: t.project });
    expect(fromCsv.code).toBe(0);
    expect((await read('c1', 'csv')).user).toMatchObject({ goal: { party_size: 3, date: '2026-12-06', time: '19:00' } });
    const again = await runCli(['scenarios', 'from-transcript', 'log.csv', '--task', 'bots/restaurant/bot.yaml', '--out', 'csv'], { cwd: t.project });
    expect(again).toMatchObject({ code: 2, stderr: expect.stringMatching(/^slotcheck: csv\/regression-c1\.yaml exists \(it may hold your edits\); remove it, or pass --force to replace it/) });
    const unknown = await runCli(['scenarios', 'from-transcript', EXAMPLES, '--id', 'nope', '--out', 'none'], { cwd: t.project });
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringMatching(/has no conversation "nope"/) });
    await writeFile(join(t.project, 'other.jsonl'), `${JSON.stringify({ id: 'x', task: { name: 'PayBill', slots: [], actions: [] }, messages: [{ role: 'user', content: 'hi' }] })}\n`);
    const noBot = await runCli(['scenarios', 'from-transcript', 'other.jsonl', '--out', 'none'], { cwd: t.project });
    expect(noBot).toMatchObject({ code: 2, stderr: expect.stringMatching(/conversation "x": no bot under bots serves task "PayBill"; name the bot with --bot NAME/) });
    expect(existsSync(join(t.project, 'none'))).toBe(false);
  });
});
