import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** A promptfoo recipe folder that has been installed (`npm install` in a copy of shared/peers/promptfoo). */
export function findPromptfoo(home: string | undefined): string | undefined {
  if (!home) return undefined;
  return existsSync(join(home, 'node_modules/promptfoo/package.json')) && existsSync(join(home, 'run.sh')) ? home : undefined;
}

export interface PromptfooRun {
  wallS: number;
  summary: string;
}

/** Runs the recipe's `run.sh N TURNS LATENCY CONCURRENCY` in a mode; its last line is the wall seconds. */
export async function runPromptfoo(home: string, mode: 'simulated' | 'conversation', n: number, turns: number, latencyMs: number, concurrency: number, port: number): Promise<PromptfooRun> {
  // npm sets NODE for scripts (to this Node 20); run.sh must pick the recipe's Node 22 instead.
  const { NODE: _npmNode, ...env } = process.env;
  const child = spawn('bash', [join(home, 'run.sh'), String(n), String(turns), String(latencyMs), String(concurrency)], {
    cwd: home, env: { ...env, MODE: mode, PF_HOME: home, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const lines = out.trim().split('\n');
  const wallS = Number(lines.at(-1));
  if (code !== 0 || Number.isNaN(wallS) || !/ exit=(0|100)\b/.test(out)) throw new Error(`promptfoo run.sh failed (exit ${code}):\n${out.slice(-1500)}`);
  return { wallS, summary: lines.slice(0, -1).join(' | ') };
}
