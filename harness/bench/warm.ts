import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { BenchEnv } from './workloads.js';

/** One run of the bench suite, timed inside a process that has already made the same run. */
export interface WarmRun {
  conversationsS: number;
  reportsS: number;
}

/**
 * `runs` runs of the bench suite in one process (warm-client.js); the first is
 * dropped (start-up, code not yet compiled), and of the rest, the one with the
 * shortest conversations-and-reports time is returned.
 */
export async function warmHarness(env: BenchEnv, url: string, concurrency: number, runs: number): Promise<WarmRun> {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'warm-client.js'), env.repo, env.project, env.out, url, String(concurrency), String(runs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`warm-client exited ${code}`);
  const warm = (JSON.parse(out) as WarmRun[]).slice(1);
  return warm.reduce((best, run) => (run.conversationsS + run.reportsS < best.conversationsS + best.reportsS ? run : best));
}
