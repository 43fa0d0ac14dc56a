import { readFileSync, statSync } from 'node:fs';
import { SlotcheckError, type ErrorCode } from './errors.js';

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Reads an input file as UTF-8, strictly: a UTF-8 byte-order mark is dropped
 * (editors on Windows write one), and bytes that are not UTF-8 (a Latin-1 or
 * Windows-1252 export) are an error naming the line, never replacement
 * characters that would then be compared as values.
 */
export function readTextFile(path: string, file: string, code: ErrorCode): string {
  if (statSync(path).isDirectory()) throw new SlotcheckError('USAGE', `${file}: is a folder; give a file`);
  return decodeUtf8(readFileSync(path), file, code);
}

/** Decodes bytes as UTF-8 (BOM dropped) or throws an error naming file, line and the offending byte. */
export function decodeUtf8(bytes: Uint8Array, file: string, code: ErrorCode): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe || bytes[0] === 0xfe && bytes[1] === 0xff) {
    throw new SlotcheckError(code, `${file}: is UTF-16; slotcheck reads UTF-8: save it as UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)`, { location: { file, line: 1 } });
  }
  try {
    return UTF8.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const line = countNewlines(bytes, at) + 1;
    const byte = bytes[at]?.toString(16).toUpperCase().padStart(2, '0');
    throw new SlotcheckError(code, `${file}:${line}: ${notUtf8(byte)}`, { location: { file, line } });
  }
}

/** What a person reads about a file that is not UTF-8, and how to convert it. */
export function notUtf8(byte?: string): string {
  return `not UTF-8${byte ? ` (byte 0x${byte})` : ''}; the file looks like Latin-1 or Windows-1252: save it as UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8)`;
}

/** Index of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k += 1) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += length;
  }
  return bytes.length;
}

/** How many line breaks come before `end`. */
export function countNewlines(bytes: Uint8Array, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i += 1) if (bytes[i] === 0x0a) n += 1;
  return n;
}
