import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBot } from './load.js';
import { connectModuleBot } from './module-bot.js';
import { newCallMeter, type BotConversation } from './driver.js';
import type { ModuleBotDefinition } from './schema.js';
import type { BotTurnInput } from './bot.js';

const TASK = 'task:\n  name: T\n  slots: [{ name: date }]\n  actions: [{ name: book, required: [date], consequential: true }]\n';
const CLI = resolve(import.meta.dirname, '../../bin/slotcheck.js');

let botsDir: string;
async function moduleBot(name: string, source: string, extra = '', file = 'bot.mjs'): Promise<ModuleBotDefinition> {
  await mkdir(join(botsDir, name), { recursive: true });
  await writeFile(join(botsDir, name, 'bot.yaml'), `kind: module\nmodule: ./${file}\n${extra}${TASK}`);
  await writeFile(join(botsDir, name, file), source);
  return (await loadBot(botsDir, name, (p) => p, { SECRET: 'sekrit-value-123' })) as ModuleBotDefinition;
}

const conversation = (): BotConversation => ({ scenario: {} as BotConversation['scenario'], today: '2026-11-24', trial: 1, meter: newCallMeter(), nextCall: () => ({ priority: 0, onQueue: () => undefined }) });
const turn = (signal?: AbortSignal): BotTurnInput => ({ threadId: 't', messages: [{ role: 'user', content: 'hi' }], newMessages: [{ role: 'user', content: 'hi' }], scenario: { id: 's', today: '2026-11-24', trial: 1 }, ...(signal ? { signal } : {}) });

describe('module bots', () => {
  beforeAll(async () => {
    botsDir = await mkdtemp(join(tmpdir(), 'slotcheck-module-'));
  });
  afterAll(async () => {
    await rm(botsDir, { recursive: true, force: true });
  });

  it('a factory export gets its options (${VAR}s read); what it answers is checked, counted and redacted', async () => {
    const bot = await moduleBot('factory', 'export default ({ options, name }) => ({ respond: async () => ({ messages: [{ role: "assistant", content: `${name} holds ${options.key}` }], session: 1 }) });\n', 'options: { key: "${SECRET}" }\n');
    const conv = conversation();
    const answer = await (await connectModuleBot(bot, { concurrency: 2, callTimeoutMs: 1000, retries: 0 })).open(conv).respond(turn());
    expect(answer).toEqual({ messages: [{ role: 'assistant', content: 'factory holds ***' }], session: 1 });
    expect(conv.meter.calls).toBe(1);
    expect(bot.secrets).toEqual(['sekrit-value-123']);
  });

  it('its definition covers the files beside the module it may import, not its own build folder or node_modules', async () => {
    const source = 'import { reply } from "./reply.mjs";\nexport function respond() { return { messages: [{ role: "assistant", content: reply }] }; }\n';
    await mkdir(join(botsDir, 'helped', 'lib'), { recursive: true });
    await writeFile(join(botsDir, 'helped', 'reply.mjs'), 'export const reply = "one";\n');
    const first = (await moduleBot('helped', source)).definitionHash;
    await writeFile(join(botsDir, 'helped', 'reply.mjs'), 'export const reply = "two";\n');
    const edited = (await moduleBot('helped', source)).definitionHash;
    expect(edited).not.toBe(first);
    await mkdir(join(botsDir, 'helped', '.slotcheck'), { recursive: true });
    await mkdir(join(botsDir, 'helped', 'node_modules', 'dep'), { recursive: true });
    await writeFile(join(botsDir, 'helped', '.slotcheck', 'bot-123.mjs'), 'built\n');
    await writeFile(join(botsDir, 'helped', 'node_modules', 'dep', 'index.js'), 'dep\n');
    expect((await moduleBot('helped', source)).definitionHash).toBe(edited);
    await writeFile(join(botsDir, 'helped', 'lib', 'rules.json'), '{"strict": true}\n');
    expect((await moduleBot('helped', source)).definitionHash).not.toBe(edited);
  });

  it('a named respond export is a bot too; one that never answers is BOT_TIMEOUT, and an interruption wins at once', async () => {
    const bot = await moduleBot('hangs', 'export function respond() { return new Promise(() => {}); }\n');
    const driver = await connectModuleBot(bot, { concurrency: 2, callTimeoutMs: 50, retries: 0 });
    const open = () => driver.open(conversation());
    await expect(open().respond(turn())).rejects.toMatchObject({ code: 'BOT_TIMEOUT', message: expect.stringContaining('did not answer within 0.05 s') });
    const controller = new AbortController();
    const pending = open().respond(turn(controller.signal));
    controller.abort(new Error('interrupted'));
    await expect(pending).rejects.toThrow('interrupted');
  });

  it('a TypeScript module loads in the built CLI on this Node (type-stripped, or bundled with esbuild beside it)', async () => {
    await mkdir(join(botsDir, 'typed'), { recursive: true });
    await writeFile(join(botsDir, 'typed', 'reply.ts'), 'export const reply = (text: string): string => `You said: ${text}`;\n');
    await moduleBot('typed', 'import { reply } from "./reply.ts";\ninterface Input { messages: Array<{ content: string | null }> }\nexport default { async respond(input: Input) { return { messages: [{ role: "assistant", content: reply(input.messages.at(-1)?.content ?? "") }] }; } };\n', '', 'bot.ts');
    const project = join(botsDir, 'project');
    await mkdir(join(project, 'scenarios'), { recursive: true });
    await writeFile(join(project, 'scenarios', 's.yaml'), 'bot: typed\ntoday: 2026-11-24\nuser:\n  goal: { date: 2026-12-05 }\n');
    const result = spawnSync(process.execPath, [CLI, 'validate', '--bots', botsDir], { cwd: project, encoding: 'utf8', env: { PATH: process.env.PATH } });
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/ok: 1 scenario, 1 bot \(typed: module\)/);
    const stripsTypes = Boolean((process.features as { typescript?: unknown }).typescript);
    if (!stripsTypes) expect((await readdir(join(botsDir, 'typed', '.slotcheck'))).some((f) => /^bot-[0-9a-f]{12}\.mjs$/.test(f))).toBe(true);
  });

  it('in the built CLI, ES module syntax in a .js file of a CommonJS package says how to fix it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'slotcheck-cjs-'));
    await mkdir(join(dir, 'bots', 'esm'), { recursive: true });
    await mkdir(join(dir, 'scenarios'), { recursive: true });
    await writeFile(join(dir, 'bots', 'esm', 'bot.yaml'), `kind: module\nmodule: ./bot.js\n${TASK}`);
    await writeFile(join(dir, 'bots', 'esm', 'bot.js'), 'export default { respond() {} };\n');
    await writeFile(join(dir, 'package.json'), '{ "type": "commonjs" }\n');
    await writeFile(join(dir, 'scenarios', 's.yaml'), 'bot: esm\ntoday: 2026-11-24\nuser:\n  goal: { date: 2026-12-05 }\n');
    const result = spawnSync(process.execPath, [CLI, 'validate'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH } });
    await rm(dir, { recursive: true, force: true });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/bots\/esm\/bot\.yaml:2: field "module": bots\/esm\/bot\.js does not load: .*\(name it \.mjs, or add "type": "module" to the nearest package\.json\)/);
  });
});
