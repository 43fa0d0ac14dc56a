#!/usr/bin/env node
// Detection accuracy and speed on the SGD development set (../shared/data/sgd/dev), against the targets of issue 3.
// Not part of `npm test`: it needs the shared data and takes a while. Run with `npm run bench:sgd [-- --runs 5 --data DIR]`.
//
// It runs the real CLI (`slotcheck analyze … --labels …`, one process each, start-up included) several times and
// reports the best and median wall time, the metrics it printed, the metrics per service (does it hold across
// tasks?), and the offline tagger's agreement with SGD's gold dialogue acts.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TARGETS = { reAskF1: 0.9, prematureF1: 0.95, falseAlarmRate: 0.02, wallSeconds: 2 };

const { values: flags } = parseArgs({ options: { runs: { type: 'string', default: '5' }, data: { type: 'string' } } });
const data = findData(flags.data);
const transcripts = join(data, 'transcripts.jsonl');
const labelsFile = join(data, 'labels.jsonl');
const work = mkdtempSync(join(tmpdir(), 'slotcheck-bench-'));

try {
  const runs = timeRuns(Number(flags.runs));
  const last = runs[runs.length - 1];
  process.stdout.write(`${last.stdout.split('\n').filter((l) => !l.startsWith('report:')).join('\n')}\n`);
  const lib = await import(join(ROOT, 'harness/dist/index.js'));
  const metrics = lib.MetricsSchema.parse(JSON.parse(readFileSync(join(last.outDir, 'metrics.json'), 'utf8')));
  const conversations = readJsonl(transcripts);
  const labels = await lib.loadLabels(labelsFile);
  perService(lib, conversations, labels, readJsonl(join(last.outDir, 'failures.jsonl')));
  await tagAgreement(lib, conversations, labels);
  const walls = runs.map((r) => r.seconds).sort((a, b) => a - b);
  console.log(`\nwall time of ${walls.length} runs (one process each, start-up included): best ${walls[0].toFixed(2)} s, median ${walls[Math.floor(walls.length / 2)].toFixed(2)} s, all ${walls.map((s) => s.toFixed(2)).join(' ')}`);
  console.log(`load average now: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} (the machine is shared: timings are noisy)`);
  process.exitCode = checkTargets(metrics, walls[0]) ? 0 : 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}

function findData(explicit) {
  // shared/ sits beside the clone; a git worktree may be a level or two deeper.
  const candidates = explicit ? [resolve(explicit)] : ['..', '../..', '../../..'].map((up) => join(ROOT, up, 'shared/data/sgd/dev'));
  const found = candidates.find((dir) => existsSync(join(dir, 'transcripts.jsonl')) && existsSync(join(dir, 'labels.jsonl')));
  if (!found) {
    console.error(`bench: no SGD data (transcripts.jsonl, labels.jsonl) in ${candidates.join(' or ')}; pass --data DIR`);
    process.exit(2);
  }
  return found;
}

function timeRuns(count) {
  return Array.from({ length: count }, (_, i) => {
    const outDir = join(work, `run-${i}`);
    const started = performance.now();
    const result = spawnSync(process.execPath, [join(ROOT, 'harness/bin/slotcheck.js'), 'analyze', transcripts, '--labels', labelsFile, '--out', outDir], { encoding: 'utf8', cwd: ROOT });
    const seconds = (performance.now() - started) / 1000;
    if (result.status !== 0 && result.status !== 1) {
      console.error(result.stderr);
      process.exit(3);
    }
    return { outDir, seconds, stdout: result.stdout };
  });
}

function readJsonl(path) {
  return readFileSync(path, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

/** The same scoring restricted to each service: a rule that only works for a few tasks shows up here. */
function perService(lib, conversations, labels, failures) {
  const byService = new Map();
  for (const c of conversations) byService.set(c.task.name, [...(byService.get(c.task.name) ?? []), c.id]);
  console.log('\nper service (conversation-level F1; false alarms on clean conversations):');
  console.log(`${'service'.padEnd(16)} ${'convs'.padStart(5)} ${'re-ask'.padStart(7)} ${'premature'.padStart(9)} ${'false alarms'.padStart(13)}`);
  for (const [service, ids] of [...byService.entries()].sort()) {
    const predictions = new Map(ids.map((id) => [id, failures.filter((f) => f.conversationId === id)]));
    const m = lib.scoreFailures({ file: '', byId: labels.byId }, predictions, ['re-ask', 'premature-action']);
    const f1 = (cls) => m.classes.find((c) => c.class === cls)?.conversation.f1;
    const show = (v) => (v === null || v === undefined ? '–' : v.toFixed(2));
    console.log(`${service.padEnd(16)} ${String(ids.length).padStart(5)} ${show(f1('re-ask')).padStart(7)} ${show(f1('premature-action')).padStart(9)} ${`${m.falseAlarms.flagged}/${m.falseAlarms.clean}`.padStart(13)}`);
  }
}

/** The offline tagger against SGD's gold acts, per act: does the message have it, and for which slots. */
async function tagAgreement(lib, conversations, labels) {
  const tagger = lib.createOfflineTagger();
  const tally = new lib.ActTally();
  for (const c of conversations) {
    const gold = lib.GoldActsSchema.parse(labels.byId.get(c.id)?.acts ?? {});
    tally.add(c.messages, await tagger.tag(c, { task: c.task }), gold);
  }
  console.log('\noffline tagger vs gold acts (message has the act / (slot): which slots):');
  for (const [act, s] of Object.entries(tally.scores())) {
    console.log(`${act.padEnd(16)} P ${s.precision?.toFixed(3) ?? '–'}  R ${s.recall?.toFixed(3) ?? '–'}  F1 ${s.f1?.toFixed(3) ?? '–'}`);
  }
}

function checkTargets(metrics, bestWall) {
  const f1 = (cls) => metrics.classes.find((c) => c.class === cls)?.conversation.f1 ?? 0;
  const checks = [
    [`re-ask conversation F1 ${f1('re-ask').toFixed(3)} >= ${TARGETS.reAskF1}`, f1('re-ask') >= TARGETS.reAskF1],
    [`premature-action conversation F1 ${f1('premature-action').toFixed(3)} >= ${TARGETS.prematureF1}`, f1('premature-action') >= TARGETS.prematureF1],
    [`false alarms ${((metrics.falseAlarms.rate ?? 0) * 100).toFixed(1)} % <= ${TARGETS.falseAlarmRate * 100} %`, (metrics.falseAlarms.rate ?? 0) <= TARGETS.falseAlarmRate],
    [`best wall time ${bestWall.toFixed(2)} s < ${TARGETS.wallSeconds} s`, bestWall < TARGETS.wallSeconds],
  ];
  console.log('\ntargets:');
  for (const [text, ok] of checks) console.log(`  ${ok ? 'met   ' : 'MISSED'} ${text}`);
  return checks.every(([, ok]) => ok);
}
