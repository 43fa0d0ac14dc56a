#!/usr/bin/env node
// Writes the τ-bench development set without the sources set aside (taubench-score.js) to a folder outside the
// repository's tracked files (default .scratch/taubench-dev/): transcripts.jsonl, judged.jsonl, sources.jsonl.
// Develop against these files only; the set-aside sources are read by `npm run bench:detect` alone.
//   node harness/bench/taubench-dev-split.js [--data DIR] [--out DIR]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { HELD_OUT_SOURCES } from './taubench-score.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { values: flags } = parseArgs({ options: { data: { type: 'string' }, out: { type: 'string', default: join(ROOT, '.scratch/taubench-dev') } } });
const data = flags.data ? resolve(flags.data) : ['..', '../..', '../../..'].map((up) => join(ROOT, up, 'shared/data/taubench/dev')).find((d) => existsSync(join(d, 'judged.jsonl')));
if (!data) {
  console.error('no ../shared/data/taubench/dev; pass --data DIR');
  process.exit(2);
}
const lines = (f) => readFileSync(join(data, f), 'utf8').split('\n').filter(Boolean);
const held = new Set(HELD_OUT_SOURCES);
const keep = new Set(lines('sources.jsonl').map((l) => JSON.parse(l)).filter((s) => !held.has(s.source)).map((s) => s.id));
mkdirSync(flags.out, { recursive: true });
for (const file of ['transcripts.jsonl', 'judged.jsonl', 'sources.jsonl']) {
  const kept = lines(file).filter((l) => keep.has(JSON.parse(l).id));
  writeFileSync(join(flags.out, file), `${kept.join('\n')}\n`);
  console.log(`${file}: ${kept.length} lines`);
}
console.log(`written to ${flags.out}`);
