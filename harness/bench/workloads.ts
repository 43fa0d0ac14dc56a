import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { measured, type ProcessCost } from './measure.js';

/** Where things are: the repo (for the CLI) and a scratch project holding the bench suite. */
export interface BenchEnv {
  repo: string;
  project: string;
  out: string;
}

export interface RunCost extends ProcessCost {
  /** From spawning the process to the first model request reaching the server (when watched). */
  firstRequestS?: number;
  conversations: number;
  /** Bot calls (answers), and HTTP requests including retried attempts. */
  calls: number;
  requests: number;
  totals: { conversations: number; passed: number; failed: number; errors: number };
  outDir: string;
}

interface Summary {
  totals: RunCost['totals'];
  modelCalls?: { calls: number; retried: Record<string, number> };
}

let runCounter = 0;

/**
 * One `slotcheck run` of the bench suite as a child process, measured by
 * /usr/bin/time. With `statsUrl` (the recipe server's request counters), also
 * when its first model request arrived: polled every 5 ms from the spawn.
 */
export async function slotcheckRun(env: BenchEnv, url: string, args: string[], statsUrl?: string, extraEnv: Record<string, string> = {}): Promise<RunCost> {
  const outDir = join(env.out, `run-${++runCounter}`);
  const before = statsUrl ? await requestCount(statsUrl) : 0;
  let firstRequestS: number | undefined;
  const cost = await measured([process.execPath, join(env.repo, 'harness/bin/slotcheck.js'), 'run', '--model', 'regex-restaurant', '--max-tool-rounds', '0', '--out', outDir, ...args], {
    cwd: env.project, env: { PATH: process.env.PATH, OPENAI_BASE_URL: url, ...extraEnv }, log: outDir,
    onSpawn: (child) => {
      if (!statsUrl) return;
      const spawned = performance.now();
      const poll = async () => {
        while (child.exitCode === null && firstRequestS === undefined) {
          if ((await requestCount(statsUrl)) > before) firstRequestS = (performance.now() - spawned) / 1000;
          else await new Promise((r) => setTimeout(r, 5));
        }
      };
      void poll();
    },
  });
  return { ...cost, ...(firstRequestS !== undefined ? { firstRequestS } : {}), ...(await readRun(outDir)), outDir };
}

async function requestCount(statsUrl: string): Promise<number> {
  return ((await (await fetch(statsUrl)).json()) as { total: number }).total;
}

/** Start-up: `slotcheck validate` of the same suite (node, modules, loading and checking every file). */
export async function startupCost(env: BenchEnv, extraEnv: Record<string, string> = {}): Promise<ProcessCost> {
  const cost = await measured([process.execPath, join(env.repo, 'harness/bin/slotcheck.js'), 'validate'], { cwd: env.project, env: { PATH: process.env.PATH, ...extraEnv }, log: join(env.out, `validate-${++runCounter}`) });
  if (cost.exitCode !== 0) throw new Error(`slotcheck validate of the bench suite failed (exit ${cost.exitCode})`);
  return cost;
}

export async function readRun(outDir: string): Promise<Omit<RunCost, keyof ProcessCost | 'outDir'>> {
  const path = join(outDir, 'summary.json');
  if (!existsSync(path)) throw new Error(`${outDir}: no summary.json`);
  const summary = JSON.parse(await readFile(path, 'utf8')) as Summary;
  const calls = summary.modelCalls?.calls ?? 0;
  const retried = Object.values(summary.modelCalls?.retried ?? {}).reduce((a, b) => a + b, 0);
  return { conversations: summary.totals.conversations, calls, requests: calls + retried, totals: summary.totals };
}

/** Every conversation of a run folder: how many lines, how many distinct ids, and failures of unrecorded or repeated conversations. */
export async function auditRun(outDir: string): Promise<{ lines: number; unique: number; orphanFailures: number; duplicateFailures: number }> {
  const transcripts = (await readFile(join(outDir, 'transcripts.jsonl'), 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string; outcome: string });
  const failures = (await readFile(join(outDir, 'failures.jsonl'), 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as { conversationId: string; class: string; messageIndex: number });
  const failed = new Set(transcripts.filter((t) => t.outcome === 'fail').map((t) => t.id));
  const keys = failures.map((f) => `${f.conversationId}|${f.class}|${f.messageIndex}`);
  return {
    lines: transcripts.length,
    unique: new Set(transcripts.map((t) => t.id)).size,
    orphanFailures: failures.filter((f) => !failed.has(f.conversationId)).length,
    duplicateFailures: keys.length - new Set(keys).size,
  };
}

/** Starts a run, SIGKILLs it after `killAfterMs`, then resumes it to the end; returns the folder. */
export async function killAndResume(env: BenchEnv, url: string, args: string[], resumeArgs: string[], killAfterMs: number): Promise<{ outDir: string; atKill: number; resumeExit: number }> {
  const outDir = join(env.out, `killed-${++runCounter}`);
  const cli = join(env.repo, 'harness/bin/slotcheck.js');
  const child = spawn(process.execPath, [cli, 'run', '--model', 'regex-restaurant', '--max-tool-rounds', '0', '--out', outDir, ...args], { cwd: env.project, env: { PATH: process.env.PATH, OPENAI_BASE_URL: url }, stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, killAfterMs));
  child.kill('SIGKILL');
  await new Promise((r) => child.on('exit', r));
  const path = join(outDir, 'transcripts.jsonl');
  const atKill = existsSync(path) ? (await readFile(path, 'utf8')).split('\n').length - 1 : 0;
  const resumed = await measured([process.execPath, cli, 'run', '--resume', outDir, ...resumeArgs], {
    cwd: env.project, env: { PATH: process.env.PATH, OPENAI_BASE_URL: url }, log: `${outDir}-resume`,
  });
  return { outDir, atKill, resumeExit: resumed.exitCode };
}
