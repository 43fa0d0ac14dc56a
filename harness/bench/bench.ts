// npm run bench [-- --quick] [-- --repeat 3]
// Measures slotcheck on the promptfoo recipe's workload and, when PROMPTFOO_HOME points at an
// installed copy of shared/peers/promptfoo, promptfoo on the same workload in the same run.
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { assertTimeTool, bestAndMedian, gitDescribe, startHttpBotServe, startRecipeServer, startServe, type ServerProcess } from './measure.js';
import { bareClientFloor } from './floor.js';
import { warmHarness } from './warm.js';
import { findPromptfoo, runPromptfoo, type PromptfooRun } from './promptfoo.js';
import { writeBenchSuite, writeHttpBenchSuite } from './suite.js';
import { auditRun, killAndResume, slotcheckRun, startupCost, type BenchEnv, type RunCost } from './workloads.js';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, repeat: { type: 'string', default: '3' }, only: { type: 'string' } } });
const REPEAT = Number(values.repeat);
const QUICK = values.quick;
const N = 200;
const TURNS = 6;
const LATENCY = 50;
const repo = resolve(import.meta.dirname, '../../..');
const pfHome = findPromptfoo(process.env.PROMPTFOO_HOME);
const wanted = (section: string) => !values.only || values.only.split(',').includes(section);
const fmt = (n: number, digits = 2) => n.toFixed(digits);
const print = (line = '') => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  assertTimeTool();
  const project = await mkdtemp(join(tmpdir(), 'slotcheck-bench-'));
  const env: BenchEnv = { repo, project, out: join(project, 'runs') };
  await mkdir(env.out, { recursive: true });
  await writeBenchSuite(project, N);
  print(`# slotcheck bench (${gitDescribe(repo)}, node ${process.version}, ${REPEAT} repeats, scratch ${project})`);
  print('Timings on a shared machine are noisy: best and median of the repeats are shown.');
  const startup = await repeat(() => startupCost(env));
  print(`\nStart-up (\`slotcheck validate\` of the ${N}-scenario suite): wall best ${fmt(startup.best.wallS)} s / median ${fmt(startup.median.wallS)} s; CPU ${fmt(startup.best.cpuS)} s`);
  if (wanted('speed')) await speed(env, startup.best.wallS);
  if (wanted('cpu')) await cpu(env, startup.best.cpuS);
  if (wanted('faults')) await faults(env);
  if (wanted('resume')) await resume(env);
  if (wanted('rss')) await rss(env);
  if (wanted('http')) await httpBot(env);
}

/** Runs `measure` REPEAT times; best and median by wall time. */
async function repeat<T extends { wallS: number }>(measure: () => Promise<T>): Promise<{ best: T; median: T; all: T[] }> {
  const all: T[] = [];
  for (let i = 0; i < REPEAT; i += 1) all.push(await measure());
  const sorted = [...all].sort((a, b) => a.wallS - b.wallS);
  return { best: sorted[0]!, median: sorted[Math.floor((sorted.length - 1) / 2)]!, all };
}

async function speed(env: BenchEnv, startupS: number): Promise<void> {
  const server: ServerProcess = pfHome ? await startRecipeServer(pfHome, LATENCY) : await startServe(repo, LATENCY);
  const statsUrl = pfHome ? server.url.replace(/\/v1$/, '/stats') : undefined;
  print(`\n## ${N} conversations × ${TURNS} turns, latency ${LATENCY} ms (${pfHome ? "the promptfoo recipe's fake-server.mjs" : 'slotcheck fake server, recipe bot'})`);
  print('\n| tool | concurrency | requests | req/conv | wall best s | wall median s | ideal s | best ÷ ideal | (best − start-up) ÷ ideal | CPU s | peak RSS MiB |');
  print('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  const rows: Array<{ c: number; best: number; median: number }> = [];
  for (const c of QUICK ? [32] : [32, 64, 128, 200]) {
    const r = await repeat(() => slotcheckRun(env, server.url, ['--concurrency', String(c)], statsUrl));
    const ideal = (r.best.requests * LATENCY) / 1000 / c;
    rows.push({ c, best: r.best.wallS, median: r.median.wallS });
    print(`| slotcheck | ${c} | ${r.best.requests} | ${fmt(r.best.requests / r.best.conversations, 1)} | ${fmt(r.best.wallS)} | ${fmt(r.median.wallS)} | ${fmt(ideal)} | ${fmt(r.best.wallS / ideal)} | ${fmt((r.best.wallS - startupS) / ideal)} | ${fmt(r.best.cpuS)} | ${fmt(r.best.peakRssMiB, 0)} |`);
    check(r.best.totals.conversations === N && r.best.totals.errors === 0, `all ${N} conversations ran without error at C=${c}`);
    if (c === 32) {
      check(r.best.wallS <= 1.1 * ideal + startupS, `C=32: wall within 1.10 × ideal + start-up, start-up being \`validate\` of the suite (${fmt(1.1 * ideal + startupS)} s)`);
      const first = r.best.firstRequestS;
      if (first !== undefined) {
        print(`  the same run: first model request ${fmt(first)} s after the process started; conversations and reports ${fmt(r.best.wallS - first)} s = ${fmt((r.best.wallS - first) / ideal)} × ideal`);
        check(r.best.wallS <= 1.1 * ideal + first, `C=32: wall within 1.10 × ideal + start-up, start-up being the run's own time to its first model request (${fmt(1.1 * ideal + first)} s)`);
      }
    }
  }
  const floor = await bareClientFloor(server.url, N, TURNS, 32).catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  const floorIdeal = (N * TURNS * LATENCY) / 1000 / 32;
  print(`\nFloor: a bare node:http client (no SDK, no simulation, no judging) making the same ${N * TURNS} requests, 32 in flight, takes ${fmt(floor)} s from first request to last answer = ${fmt(floor / floorIdeal)} × ideal: the machine and the server alone cost that much over the ideal.`);
  const warm = await warmHarness(env, server.url, 32, QUICK ? 3 : 6).catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  print(`Warm harness: the same run repeated in one process (no start-up, code already compiled), best of the repeats after the first: conversations ${fmt(warm.conversationsS)} s from first request to last answer (${fmt(warm.conversationsS / floorIdeal)} × ideal), then ${fmt(warm.reportsS)} s to the end of the run; together ${fmt((warm.conversationsS + warm.reportsS) / floorIdeal)} × ideal.`);
  await server.stop();
  if (!pfHome) {
    print('\npromptfoo: skipped. Set PROMPTFOO_HOME to an installed copy of shared/peers/promptfoo (cp -r it to /tmp/pf; cd /tmp/pf; npm install) to compare in the same run.');
    return;
  }
  let pf: Awaited<ReturnType<typeof repeat<PromptfooRun>>>;
  try {
    pf = await repeat(() => runPromptfoo(pfHome, 'simulated', N, TURNS, LATENCY, 32, 18080 + Math.floor(Math.random() * 1000)));
  } catch (error) {
    check(false, `promptfoo ran: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  print(`| promptfoo (simulated user, -j 32) | 32 | 2400 | 12.0 | ${fmt(pf.best.wallS)} | ${fmt(pf.median.wallS)} | 3.75 | ${fmt(pf.best.wallS / 3.75)} | – | – | – |`);
  print(`\npromptfoo run.sh said: ${pf.best.summary}`);
  for (const row of rows) print(`- at concurrency ${row.c}: slotcheck is ${fmt(pf.best.wallS / row.best, 1)}× faster than promptfoo's faster mode at -j 32 (best vs best), ${fmt(pf.median.wallS / row.median, 1)}× (median vs median)`);
  check(rows.some((row) => pf.best.wallS / row.best >= 10), 'at least 10× faster than promptfoo at some concurrency');
}

async function cpu(env: BenchEnv, startupCpuS: number): Promise<void> {
  const server = await startServe(repo, 0);
  const trials = QUICK ? 1 : 5;
  const r = await repeat(() => slotcheckRun(env, server.url, ['--concurrency', '32', '--trials', String(trials)]));
  await server.stop();
  const perRequest = (cost: RunCost) => ((cost.cpuS - startupCpuS) * 1000) / cost.requests;
  const marginal = bestAndMedian(r.all.map(perRequest));
  const whole = bestAndMedian(r.all.map((cost) => (cost.cpuS * 1000) / cost.requests));
  print(`\n## Harness CPU at latency 0 (${N * trials} conversations, ${r.best.requests} requests, concurrency 32; the server runs in its own process)`);
  print(`CPU per model request, start-up CPU (${fmt(startupCpuS)} s) taken off: best ${fmt(marginal.best, 3)} ms, median ${fmt(marginal.median, 3)} ms; start-up included: best ${fmt(whole.best, 3)} ms, median ${fmt(whole.median, 3)} ms`);
  check(marginal.best < 1, 'under 1 ms of harness CPU per model request');
}

/**
 * The harness's CPU per turn with an HTTP bot: the same dialogues against a bot service in its
 * own process (so its CPU is not counted), start-up (`validate` of this suite) taken off. A turn
 * is one request to the bot: rendering it, the HTTP round trip, reading and checking the reply,
 * the simulated user, tagging and judging.
 */
async function httpBot(env: BenchEnv): Promise<void> {
  const project = join(env.project, 'http-suite');
  const taskFile = await writeHttpBenchSuite(project, N);
  const server = await startHttpBotServe(repo, taskFile);
  const httpEnv: BenchEnv = { ...env, project };
  const extra = { BENCH_BOT_URL: server.url };
  const trials = QUICK ? 1 : 5;
  try {
    const startup = await repeat(() => startupCost(httpEnv, extra));
    const r = await repeat(() => slotcheckRun(httpEnv, 'http://127.0.0.1:1/v1', ['--concurrency', '32', '--trials', String(trials)], undefined, extra));
    const perTurn = bestAndMedian(r.all.map((cost) => ((cost.cpuS - startup.best.cpuS) * 1000) / cost.calls));
    print(`\n## Harness CPU per turn of an HTTP bot (${N * trials} conversations, ${r.best.calls} turns, concurrency 32, latency 0; the bot service runs in its own process)`);
    print(`CPU per turn, start-up CPU (${fmt(startup.best.cpuS)} s, \`validate\` of this suite) taken off: best ${fmt(perTurn.best, 3)} ms, median ${fmt(perTurn.median, 3)} ms; wall best ${fmt(r.best.wallS)} s`);
    check(r.best.totals.errors === 0 && r.best.totals.conversations === N * trials, `all ${N * trials} conversations with the HTTP bot ran without error`);
    check(perTurn.best < 1, 'under 1 ms of harness CPU per turn of an HTTP bot');
  } finally {
    await server.stop();
  }
}

const FAULTS = 'rateLimited=0.04,serverError=0.04,reset=0.03,hang=0.01,malformedToolCall=0.04,emptyChoice=0.02,contentFilter=0.02,retryAfterMs=20';

async function faults(env: BenchEnv): Promise<void> {
  const server = await startServe(repo, 10, FAULTS);
  const r = await slotcheckRun(env, server.url, ['--concurrency', '64', '--trials', '5', '--call-timeout', '1']);
  await server.stop();
  const audit = await auditRun(r.outDir);
  print(`\n## 1,000 conversations, 20 % of requests faulty (429, 500, resets, hangs, bad tool-call JSON, no choice, content filter)`);
  print(`${r.totals.passed} passed, ${r.totals.failed} bot failures, ${r.totals.errors} errors = ${r.totals.conversations}; ${r.requests} requests for ${r.calls} answers; wall ${fmt(r.wallS)} s`);
  check(audit.lines === 1000 && audit.unique === 1000 && r.totals.passed + r.totals.failed + r.totals.errors === 1000, 'every conversation accounted for, none lost, none twice');
}

async function resume(env: BenchEnv): Promise<void> {
  const server = await startServe(repo, 10, FAULTS);
  const killAt = 1500 + Math.floor(Math.random() * 4000);
  const r = await killAndResume(env, server.url, ['--concurrency', '32', '--trials', '5', '--call-timeout', '1'], ['--concurrency', '32', '--call-timeout', '1'], killAt);
  await server.stop();
  const audit = await auditRun(r.outDir);
  print(`\n## Kill -9 at a random moment (${killAt} ms, ${r.atKill} conversations recorded), then --resume`);
  print(`after resume: ${audit.lines} lines, ${audit.unique} distinct conversations, ${audit.orphanFailures} failures without their conversation, ${audit.duplicateFailures} duplicated failures (resume exit ${r.resumeExit})`);
  check(audit.lines === 1000 && audit.unique === 1000 && audit.orphanFailures === 0 && audit.duplicateFailures === 0, 'zero lost, zero duplicated');
}

async function rss(env: BenchEnv): Promise<void> {
  const server = await startServe(repo, 0);
  const small = await slotcheckRun(env, server.url, ['--concurrency', '64', '--trials', '5']);
  const big = await slotcheckRun(env, server.url, ['--concurrency', '64', '--trials', QUICK ? '10' : '50']);
  await server.stop();
  print(`\n## Memory: peak RSS ${fmt(small.peakRssMiB, 0)} MiB at ${small.conversations} conversations, ${fmt(big.peakRssMiB, 0)} MiB at ${big.conversations} (wall ${fmt(big.wallS)} s)`);
  check(big.peakRssMiB < 300 && big.totals.conversations === big.conversations, `under 300 MiB at ${big.conversations} conversations`);
}

function check(ok: boolean, what: string): void {
  print(`${ok ? 'OK  ' : 'MISS'} ${what}`);
  if (!ok) process.exitCode = 1;
}

await main();
