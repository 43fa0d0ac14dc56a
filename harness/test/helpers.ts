import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll } from 'vitest';
import { main } from '../src/cli/main.js';
import { startFakeOpenAIServer, type FakeServer, type FakeServerOptions } from '../src/testing/index.js';
import type { CliIO } from '../src/cli/io.js';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');

/**
 * A throwaway project folder holding copies of the bundled bots and scenarios (or a fixture).
 * By default only the restaurant suite is copied (what most tests count on); `suites` names others.
 */
export async function makeProject(options: { from?: string; suites?: string[] } = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'slotcheck-test-'));
  if (options.from) await cp(options.from, dir, { recursive: true });
  else {
    await cp(join(REPO_ROOT, 'bots'), join(dir, 'bots'), { recursive: true });
    for (const suite of options.suites ?? ['restaurant']) await cp(join(REPO_ROOT, 'scenarios', suite), join(dir, 'scenarios', suite), { recursive: true });
  }
  return dir;
}

export async function removeProject(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** Captures what a stream receives. */
export class Capture extends Writable {
  text = '';
  isTTY = false;
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI in-process, with its own environment (never the test runner's). */
export async function runCli(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; signal?: AbortSignal }): Promise<CliRun> {
  const stdout = new Capture();
  const stderr = new Capture();
  const io: CliIO = { env: options.env ?? {}, cwd: options.cwd, stdout, stderr, ...(options.signal ? { signal: options.signal } : {}) };
  const code = await main(args, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

export async function readJsonl<T = Record<string, unknown>>(path: string): Promise<T[]> {
  if (!existsSync(path)) return [];
  const text = await readFile(path, 'utf8');
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as T);
}

/** The built CLI, for tests that need a real process (signals, kills). */
export const CLI_BIN = join(REPO_ROOT, 'harness/bin/slotcheck.js');

/** Waits until `check` returns true, polling; fails after `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Complete lines of a JSONL file (a partial last line is not counted). */
export async function countLines(path: string): Promise<number> {
  if (!existsSync(path)) return 0;
  return (await readFile(path, 'utf8')).split('\n').length - 1;
}

/** A fake OpenAI-compatible server and a throwaway project, for the tests of one describe block. */
export interface ServerProject {
  server: FakeServer;
  project: string;
  /** The environment a command needs to reach the server. */
  env: NodeJS.ProcessEnv;
}

/**
 * A local fake OpenAI-compatible server and a throwaway project (the bundled
 * bots and restaurant suite, or a fixture folder) for the tests of one
 * describe block: started before them, removed after. Read its fields inside
 * the tests (they are set once the block starts).
 */
export function useServerProject(options: { from?: string; server?: FakeServerOptions } = {}): ServerProject {
  const context = {} as ServerProject;
  beforeAll(async () => {
    context.server = await startFakeOpenAIServer(options.server);
    context.project = await makeProject(options.from ? { from: options.from } : {});
    context.env = { OPENAI_BASE_URL: context.server.url, OPENAI_API_KEY: 'sk-test-key' };
  });
  afterAll(async () => {
    await context.server?.close();
    if (context.project) await removeProject(context.project);
  });
  return context;
}

/** `useServerProject` with the server's options only. */
export function useServerAndProject(options: FakeServerOptions = {}): { readonly server: FakeServer; readonly project: string } {
  return useServerProject({ server: options });
}
