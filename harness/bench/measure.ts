import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** What /usr/bin/time says about one process (the same tool the promptfoo recipe uses). */
export interface ProcessCost {
  wallS: number;
  cpuS: number;
  peakRssMiB: number;
  exitCode: number;
}

export const TIME_BIN = '/usr/bin/time';

export function assertTimeTool(): void {
  if (!existsSync(TIME_BIN)) throw new Error(`${TIME_BIN} not found: install the Debian package "time"`);
}

/** Runs a command under /usr/bin/time and returns its wall time, CPU (user + system) and peak RSS. */
export async function measured(command: string[], options: { cwd: string; env: NodeJS.ProcessEnv; log: string; onSpawn?: (child: ChildProcess) => void }): Promise<ProcessCost> {
  const timeLog = `${options.log}.time`;
  const child = spawn(TIME_BIN, ['-f', '%e %U %S %M', '-o', timeLog, ...command], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'ignore', 'pipe'] });
  options.onSpawn?.(child);
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exitCode = await new Promise<number>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1))));
  const text = existsSync(timeLog) ? await readFile(timeLog, 'utf8') : '';
  const last = text.trim().split('\n').at(-1) ?? '';
  const [wall, user, sys, rssKb] = last.split(' ').map(Number);
  if (wall === undefined || Number.isNaN(wall)) throw new Error(`could not read ${timeLog} (exit ${exitCode}): ${stderr.slice(-500)}`);
  return { wallS: wall, cpuS: (user ?? 0) + (sys ?? 0), peakRssMiB: (rssKb ?? 0) / 1024, exitCode };
}

/** A fake OpenAI-compatible server in its own process (so its CPU is not counted as the harness's). */
export interface ServerProcess {
  url: string;
  stop(): Promise<void>;
}

/** slotcheck's fake server (`harness/dist/testing/serve.js`): latency and injected faults. */
export async function startServe(repo: string, latencyMs: number, faults = ''): Promise<ServerProcess> {
  const child = spawn(process.execPath, [join(repo, 'harness/dist/testing/serve.js'), '--latency', String(latencyMs), '--faults', faults], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await firstLine(child);
  return { url: (JSON.parse(line) as { url: string }).url, stop: () => stop(child) };
}

/** slotcheck's local HTTP bot service (`harness/dist/testing/serve-http-bot.js`), its tools from `taskFile`. */
export async function startHttpBotServe(repo: string, taskFile: string): Promise<ServerProcess> {
  const child = spawn(process.execPath, [join(repo, 'harness/dist/testing/serve-http-bot.js'), '--task', taskFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await firstLine(child);
  return { url: (JSON.parse(line) as { url: string }).url, stop: () => stop(child) };
}

/** The promptfoo recipe's own fake server (`fake-server.mjs`), so both tools meet the very same bot. */
export async function startRecipeServer(recipe: string, latencyMs: number): Promise<ServerProcess> {
  const child = spawn(process.execPath, [join(recipe, 'fake-server.mjs')], { env: { ...process.env, PORT: '0', LATENCY_MS: String(latencyMs) }, stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await firstLine(child);
  const port = /127\.0\.0\.1:(\d+)/.exec(line)?.[1];
  if (!port) throw new Error(`recipe server said: ${line}`);
  return { url: `http://127.0.0.1:${port}/v1`, stop: () => stop(child) };
}

async function firstLine(child: ChildProcess): Promise<string> {
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) return line;
  throw new Error('server exited before saying where it listens');
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.on('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Best and median of repeated measurements. */
export function bestAndMedian(values: number[]): { best: number; median: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { best: sorted[0]!, median: sorted[Math.floor((sorted.length - 1) / 2)]! };
}

export function gitDescribe(repo: string): string {
  return spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repo, encoding: 'utf8' }).stdout.trim();
}
