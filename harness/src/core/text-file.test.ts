import { describe, expect, it } from 'vitest';
import { decodeUtf8, firstInvalidUtf8 } from './text-file.js';

describe('decodeUtf8', () => {
  it('drops a byte-order mark and keeps every other character', () => {
    expect(decodeUtf8(Buffer.from('\uFEFFbot: café · 東京 · 👍\n', 'utf8'), 'a.yaml', 'SCENARIO_INVALID')).toBe('bot: café · 東京 · 👍\n');
  });

  it('names the line and byte of Latin-1 text, and how to convert it', () => {
    const bytes = Buffer.from('line one\nline two\nname: Jos\u00e9\n', 'latin1');
    expect(firstInvalidUtf8(bytes)).toBe(bytes.indexOf(0xe9));
    expect(() => decodeUtf8(bytes, 'a.yaml', 'SCENARIO_INVALID')).toThrow(/^a\.yaml:3: not UTF-8 \(byte 0xE9\); the file looks like Latin-1 or Windows-1252: save it as UTF-8 \(e\.g\. iconv -f WINDOWS-1252 -t UTF-8\)$/);
  });

  it('says a UTF-16 file is UTF-16', () => {
    expect(() => decodeUtf8(Buffer.from([0xff, 0xfe, 0x61, 0x00]), 'a.csv', 'TRANSCRIPT_INVALID')).toThrow(/^a\.csv: is UTF-16/);
  });
});
