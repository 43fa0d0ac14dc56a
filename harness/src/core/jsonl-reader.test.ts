import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJsonl } from './jsonl-reader.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slotcheck-jsonl-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function lines(path: string): Promise<Array<{ line: number; value: unknown }>> {
  const out = [];
  for await (const l of readJsonl(path)) out.push(l);
  return out;
}

// Large enough to be streamed rather than read whole (16 MiB and more).
const PAD = 'x'.repeat(1000);
const bigLines = (n: number) => Array.from({ length: n }, (_, i) => JSON.stringify({ i, pad: PAD }));

describe('JSONL files, read whole or streamed alike', () => {
  it('a large file splits lines as a small one does, "\\r\\n", "\\n" or a lone "\\r"', async () => {
    const rows = bigLines(17_500);
    const text = rows.map((r, i) => r + ['\n', '\r\n', '\r'][i % 3]).join('');
    const path = join(dir, 'big.jsonl');
    await writeFile(path, text);
    const read = await lines(path);
    expect(read).toHaveLength(rows.length);
    expect(read.at(-1)).toEqual({ line: rows.length, value: { i: rows.length - 1, pad: PAD } });
    expect(read.every((l, i) => l.line === i + 1 && (l.value as { i: number }).i === i)).toBe(true);
  });

  it('a byte that is not UTF-8 deep in a large file is named at its own line', async () => {
    const rows = bigLines(17_500);
    const bad = 12_345;
    const bytes = Buffer.concat(rows.map((r, i) => (i === bad - 1 ? Buffer.concat([Buffer.from(r.slice(0, -2)), Buffer.from([0xe9]), Buffer.from('"}\n')]) : Buffer.from(`${r}\n`))));
    const path = join(dir, 'latin1.jsonl');
    await writeFile(path, bytes);
    await expect(lines(path)).rejects.toThrow(new RegExp(`latin1\\.jsonl:${bad}: not UTF-8 \\(byte 0xE9\\)`));
  });

  it('a UTF-16 file is named once, with what to do', async () => {
    const path = join(dir, 'u16.jsonl');
    await writeFile(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"a":1}\n', 'utf16le')]));
    const error = await lines(path).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/u16\.jsonl:1: is UTF-16; slotcheck reads UTF-8/);
    expect((error as Error).message.split(path)).toHaveLength(2);
  });
});
