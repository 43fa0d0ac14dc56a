import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRunFiles } from './run-files.js';

const record = (id: string) => JSON.stringify({ schemaVersion: 1, id, messages: [], outcome: 'pass', failureClasses: [] });

describe('openRunFiles', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'slotcheck-runfiles-'));
    await writeFile(join(dir, 'transcripts.jsonl'), `${record('a')}\n${record('b')}\n`);
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  const ids = async (files: Awaited<ReturnType<typeof openRunFiles>>) => {
    const out: string[] = [];
    for await (const r of files.transcripts()) out.push(r.id);
    return out;
  };

  it('keeps a small file in memory: later passes do not see changes on disk', async () => {
    const files = await openRunFiles(dir);
    await appendFile(join(dir, 'transcripts.jsonl'), `${record('c')}\n`);
    expect(await ids(files)).toEqual(['a', 'b']);
    expect(await ids(files)).toEqual(['a', 'b']);
  });

  it('streams a file above the threshold from disk on every pass', async () => {
    const files = await openRunFiles(dir, 10);
    await appendFile(join(dir, 'transcripts.jsonl'), `${record('c')}\n`);
    expect(await ids(files)).toEqual(['a', 'b', 'c']);
  });

  it('a missing file reads as empty', async () => {
    const files = await openRunFiles(dir);
    const failures: unknown[] = [];
    for await (const f of files.failures()) failures.push(f);
    expect(failures).toEqual([]);
  });
});
