#!/usr/bin/env node
// Detection accuracy and speed on the shared development sets: SGD dev (../shared/data/sgd/dev, short human-style
// dialogues labelled by perturbation) and τ-bench dev (../shared/data/taubench/dev, conversations written by real
// LLM agents, every consequential call judged). Not part of `npm test`: it needs the shared data.
//
//   npm run bench:detect [-- --runs 3 --only sgd,taubench --list premature-action,re-ask,missing-action]
//
// Each analysis runs the real CLI (`slotcheck analyze`, one process each, start-up included) `--runs` times: best and
// median wall time. τ-bench sources set aside before development (taubench-score.js) are scored apart and never
// listed: a gap between them and the rest is overfitting.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { HELD_OUT_SOURCES, READINGS, cleanConversations, score } from './taubench-score.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TARGETS = {
  sgd: { reAskF1: 0.95, prematureF1: 0.95, falseAlarmRate: 0.02, wallSeconds: 2 },
  taubench: { strictRetriesOnceF1: 0.85, lenientF1: 0.9, reAskPer100: 2, wallSeconds: 3, heldOutGap: 0.05 },
};

const { values: flags } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, only: { type: 'string', default: 'sgd,taubench' }, list: { type: 'string', default: '' }, data: { type: 'string' } },
});
const sections = new Set(flags.only.split(','));
const listClasses = new Set(flags.list.split(',').filter(Boolean));
const work = mkdtempSync(join(tmpdir(), 'slotcheck-bench-'));
const checks = [];

try {
  const lib = await import(join(ROOT, 'harness/dist/index.js'));
  if (sections.has('sgd')) await benchSgd(lib);
  if (sections.has('taubench')) benchTaubench();
  console.log('\ntargets:');
  for (const [text, ok] of checks) console.log(`  ${ok ? 'met   ' : 'MISSED'} ${text}`);
  console.log(`load average now: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} (the machine is shared: timings are noisy)`);
  process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}

function findData(name, files) {
  // shared/ sits beside the clone; a git worktree may be a level or two deeper.
  const candidates = flags.data ? [resolve(flags.data, name, 'dev')] : ['..', '../..', '../../..'].map((up) => join(ROOT, up, 'shared/data', name, 'dev'));
  const found = candidates.find((dir) => files.every((f) => existsSync(join(dir, f))));
  if (!found) {
    console.error(`bench: no ${name} data (${files.join(', ')}) in ${candidates.join(' or ')}; pass --data DIR (the folder holding sgd/ and taubench/)`);
    process.exit(2);
  }
  return found;
}

function timeRuns(label, args) {
  const runs = Array.from({ length: Number(flags.runs) }, (_, i) => {
    const outDir = join(work, `${label}-${i}`);
    const started = performance.now();
    const result = spawnSync(process.execPath, [join(ROOT, 'harness/bin/slotcheck.js'), 'analyze', ...args, '--out', outDir, '--no-history'], { encoding: 'utf8', cwd: ROOT });
    const seconds = (performance.now() - started) / 1000;
    if (result.status !== 0 && result.status !== 1) {
      console.error(result.stderr);
      process.exit(3);
    }
    return { outDir, seconds, stdout: result.stdout };
  });
  const walls = runs.map((r) => r.seconds).sort((a, b) => a - b);
  return { last: runs[runs.length - 1], best: walls[0], median: walls[Math.floor(walls.length / 2)], walls };
}

function wallLine(timed) {
  return `wall time of ${timed.walls.length} runs (one process each, start-up included): best ${timed.best.toFixed(2)} s, median ${timed.median.toFixed(2)} s`;
}

function readJsonl(path) {
  return readFileSync(path, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

function fmt(v) {
  return v === null || v === undefined ? '–' : v.toFixed(3);
}

function per100(failures, conversations) {
  const counts = {};
  for (const f of failures) counts[f.class] = (counts[f.class] ?? 0) + 1;
  return Object.entries(counts).sort().map(([cls, n]) => `${cls} ${((100 * n) / conversations).toFixed(1)}`).join(', ') || 'none';
}

// ---- SGD dev ----

async function benchSgd(lib) {
  const data = findData('sgd', ['transcripts.jsonl', 'labels.jsonl']);
  const transcripts = join(data, 'transcripts.jsonl');
  const labelsFile = join(data, 'labels.jsonl');
  const timed = timeRuns('sgd', [transcripts, '--labels', labelsFile]);
  console.log(`# SGD dev (${data})\n`);
  process.stdout.write(`${timed.last.stdout.split('\n').filter((l) => !/^(report|html):/.test(l)).join('\n')}\n`);
  const metrics = lib.MetricsSchema.parse(JSON.parse(readFileSync(join(timed.last.outDir, 'metrics.json'), 'utf8')));
  const conversations = readJsonl(transcripts);
  const labels = await lib.loadLabels(labelsFile);
  const failures = readJsonl(join(timed.last.outDir, 'failures.jsonl'));
  perService(lib, conversations, labels, failures);
  console.log(`\nfindings per 100 conversations: ${per100(failures, conversations.length)}`);
  await tagAgreement(lib, conversations, labels);
  console.log(`\n${wallLine(timed)}`);
  const f1 = (cls) => metrics.classes.find((c) => c.class === cls)?.conversation.f1 ?? 0;
  const t = TARGETS.sgd;
  checks.push(
    [`SGD re-ask conversation F1 ${f1('re-ask').toFixed(3)} >= ${t.reAskF1}`, f1('re-ask') >= t.reAskF1],
    [`SGD premature-action conversation F1 ${f1('premature-action').toFixed(3)} >= ${t.prematureF1}`, f1('premature-action') >= t.prematureF1],
    [`SGD false alarms ${((metrics.falseAlarms.rate ?? 0) * 100).toFixed(1)} % <= ${t.falseAlarmRate * 100} %`, (metrics.falseAlarms.rate ?? 0) <= t.falseAlarmRate],
    [`SGD best wall time ${timed.best.toFixed(2)} s <= ${t.wallSeconds} s`, timed.best <= t.wallSeconds],
  );
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

// ---- τ-bench dev ----

function benchTaubench() {
  const data = findData('taubench', ['transcripts.jsonl', 'judged.jsonl', 'sources.jsonl']);
  const timed = timeRuns('taubench', [join(data, 'transcripts.jsonl')]);
  const conversations = new Map(readJsonl(join(data, 'transcripts.jsonl')).map((c) => [c.id, c]));
  const judged = readJsonl(join(data, 'judged.jsonl'));
  const sources = new Map(readJsonl(join(data, 'sources.jsonl')).map((s) => [s.id, s.source]));
  const failures = readJsonl(join(timed.last.outDir, 'failures.jsonl'));
  const heldOut = new Set(HELD_OUT_SOURCES);
  const part = (keep) => ({
    judged: judged.filter((j) => keep(sources.get(j.id))),
    failures: failures.filter((f) => keep(sources.get(f.conversationId))),
    ids: [...conversations.keys()].filter((id) => keep(sources.get(id))),
  });
  const dev = part((s) => !heldOut.has(s));
  const held = part((s) => heldOut.has(s));
  const all = part(() => true);
  console.log(`\n# τ-bench dev (${data}): ${dev.ids.length} conversations in development, ${held.ids.length} set aside (${HELD_OUT_SOURCES.join(', ')})\n`);
  const devScores = readingsTable('development sources', dev, conversations);
  const heldScores = readingsTable('set-aside sources (not read while developing)', held, conversations);
  const allScores = readingsTable(`the whole set (all ${new Set(sources.values()).size} sources): what the targets are read on`, all, conversations);
  perSource(dev, sources, conversations);
  falseAlarms('development', dev);
  falseAlarms('set aside', held);
  console.log(`\nfindings per 100 conversations (development): ${per100(dev.failures, dev.ids.length)}`);
  console.log(`findings per 100 conversations (set aside):   ${per100(held.failures, held.ids.length)}`);
  listDisagreements(devScores, dev, conversations);
  console.log(`\n${wallLine(timed)}`);
  const t = TARGETS.taubench;
  const reAskPer100 = (100 * all.failures.filter((f) => f.class === 're-ask').length) / all.ids.length;
  // The set-aside sources hold few failures (their F1 swings by one call), so the gap is read on the approved calls:
  // the share of them flagged, set aside against development.
  const alarmRate = (s) => (s.fp + s.tn ? s.fp / (s.fp + s.tn) : 0);
  const devRate = alarmRate(devScores['strict, retries once']);
  const heldRate = alarmRate(heldScores['strict, retries once']);
  checks.push(
    [`τ-bench strict F1 (retries once) ${fmt(allScores['strict, retries once'].f1)} >= ${t.strictRetriesOnceF1} (development sources ${fmt(devScores['strict, retries once'].f1)})`, (allScores['strict, retries once'].f1 ?? 0) >= t.strictRetriesOnceF1],
    [`τ-bench lenient F1 ${fmt(allScores.lenient.f1)} >= ${t.lenientF1} (development sources ${fmt(devScores.lenient.f1)})`, (allScores.lenient.f1 ?? 0) >= t.lenientF1],
    [`τ-bench re-ask findings ${reAskPer100.toFixed(1)} per 100 conversations <= ${t.reAskPer100} (${allScores['re-ask'].fp} on questions judged not re-asks)`, reAskPer100 <= t.reAskPer100],
    [`τ-bench every judged re-ask found (${allScores['re-ask'].tp} of ${allScores['re-ask'].tp + allScores['re-ask'].fn})`, allScores['re-ask'].fn === 0],
    [`τ-bench approved calls flagged: set aside ${(100 * heldRate).toFixed(1)} % within ${t.heldOutGap * 100} points of development ${(100 * devRate).toFixed(1)} % (set-aside strict F1 ${fmt(heldScores['strict, retries once'].f1)}, development ${fmt(devScores['strict, retries once'].f1)})`, heldRate - devRate <= t.heldOutGap],
    [`τ-bench best wall time ${timed.best.toFixed(2)} s <= ${t.wallSeconds} s`, timed.best <= t.wallSeconds],
  );
}

function readingsTable(title, part, conversations) {
  console.log(`${title}:`);
  console.log(`  ${'reading'.padEnd(22)} ${'n'.padStart(4)} ${'tp'.padStart(4)} ${'fp'.padStart(4)} ${'fn'.padStart(4)} ${'tn'.padStart(4)}  ${'P'.padStart(5)}  ${'R'.padStart(5)}  ${'F1'.padStart(5)}`);
  const scores = {};
  for (const [name, reading] of Object.entries(READINGS)) {
    const s = score(reading, part.judged, part.failures, conversations);
    scores[name] = s;
    console.log(`  ${name.padEnd(22)} ${String(s.n).padStart(4)} ${String(s.tp).padStart(4)} ${String(s.fp).padStart(4)} ${String(s.fn).padStart(4)} ${String(s.tn).padStart(4)}  ${fmt(s.precision)}  ${fmt(s.recall)}  ${fmt(s.f1)}`);
  }
  console.log('');
  return scores;
}

function perSource(part, sources, conversations) {
  console.log('per source model (development; strict with retries once, lenient):');
  const bySource = new Map();
  for (const id of part.ids) bySource.set(sources.get(id), [...(bySource.get(sources.get(id)) ?? []), id]);
  for (const [source, ids] of [...bySource.entries()].sort()) {
    const keep = new Set(ids);
    const sub = { judged: part.judged.filter((j) => keep.has(j.id)), failures: part.failures.filter((f) => keep.has(f.conversationId)) };
    const s = score(READINGS['strict, retries once'], sub.judged, sub.failures, conversations);
    const l = score(READINGS.lenient, sub.judged, sub.failures, conversations);
    console.log(`  ${source.padEnd(34)} ${String(ids.length).padStart(3)} convs  strict F1 ${fmt(s.f1)} (fp ${s.fp}, fn ${s.fn})  lenient F1 ${fmt(l.f1)} (fp ${l.fp}, fn ${l.fn})`);
  }
}

function falseAlarms(title, part) {
  const clean = cleanConversations(part.judged);
  const judgedClasses = new Set(['premature-action', 'unapproved-detail', 're-ask']);
  const flagged = new Set(part.failures.filter((f) => clean.has(f.conversationId) && judgedClasses.has(f.class)).map((f) => f.conversationId));
  console.log(`false alarms (${title}): ${flagged.size} of ${clean.size} conversations with no judged failure have a premature-action, unapproved-detail or re-ask finding`);
}

/** With --list: every disagreement on the development sources (never the set-aside ones), and findings of other classes to read. */
function listDisagreements(scores, dev, conversations) {
  for (const [name, s] of Object.entries(scores)) {
    const cls = name === 're-ask' ? 're-ask' : 'premature-action';
    if (!listClasses.has(cls) || name === 'strict') continue;
    console.log(`\n${name}: disagreements`);
    for (const { kind, item } of s.wrong) console.log(`  ${kind.padEnd(11)} ${item.id}:${item.scope.messageIndex} (${item.judgement}) ${item.note ?? ''}`);
  }
  for (const cls of listClasses) {
    if (cls === 'premature-action' || cls === 're-ask') continue;
    console.log(`\n${cls} findings (development), to read one by one:`);
    for (const f of dev.failures.filter((x) => x.class === cls)) {
      const text = conversations.get(f.conversationId)?.messages[f.messageIndex]?.content ?? '';
      console.log(`  ${f.conversationId}:${f.messageIndex} ${JSON.stringify(String(text).slice(0, 200))}`);
    }
  }
  if (listClasses.has('re-ask')) {
    console.log('\nre-ask findings (development):');
    for (const f of dev.failures.filter((x) => x.class === 're-ask')) console.log(`  ${f.conversationId}:${f.messageIndex} slot ${f.slot} ${JSON.stringify(f.evidence?.quote?.slice(0, 160) ?? '')}`);
  }
}
