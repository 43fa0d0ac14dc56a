import { createReadStream, readFileSync, statSync } from 'node:fs';
import type { SlotcheckError } from './errors.js';
import { countNewlines, decodeUtf8, firstInvalidUtf8, notUtf8 } from './text-file.js';

/** One parsed line of a JSONL file, with its 1-based line number. */
export interface JsonlLine {
  line: number;
  value: unknown;
}

/**
 * Streams a JSONL file line by line, as strict UTF-8 (a byte-order mark at the
 * start is dropped). A line that is not JSON, or bytes that are not UTF-8, throw
 * a JsonlSyntaxError naming the line (a truncated final line is skipped when
 * `tolerateTruncatedTail`).
 */
export async function* readJsonl(path: string, options: { tolerateTruncatedTail?: boolean } = {}): AsyncGenerator<JsonlLine> {
  let lineNumber = 0;
  let pendingError: { line: number; error: unknown } | undefined;
  for await (const text of jsonlLines(path)) {
    lineNumber += 1;
    if (pendingError) throw new JsonlSyntaxError(path, pendingError.line, pendingError.error);
    if (text.trim() === '') continue;
    try {
      yield { line: lineNumber, value: JSON.parse(text) };
    } catch (error) {
      pendingError = { line: lineNumber, error };
    }
  }
  if (pendingError && !options.tolerateTruncatedTail) throw new JsonlSyntaxError(path, pendingError.line, pendingError.error);
}

/**
 * Below this size a JSONL file is read in one go: streaming it costs a
 * thread-pool round trip per 64 KiB. Above it, streaming keeps the memory of
 * a large run's reports bounded (10,000 conversations: about 50 MiB less peak).
 */
const READ_WHOLE_UNDER_BYTES = 16 * 1024 * 1024;

function jsonlLines(path: string): AsyncIterable<string> | Iterable<string> {
  if (statSync(path).size < READ_WHOLE_UNDER_BYTES) {
    const bytes = readFileSync(path);
    let text: string;
    try {
      text = decodeUtf8(bytes, path, 'TRANSCRIPT_INVALID');
    } catch (error) {
      throw new JsonlSyntaxError(path, (error as SlotcheckError).location?.line ?? 1, error, 'encoding');
    }
    const lines = text.split(/\r\n|\n|\r/);
    if (lines.at(-1) === '') lines.pop();
    return lines;
  }
  return streamLines(path);
}

/** Lines of a large file, decoded as strict UTF-8 chunk by chunk. */
async function* streamLines(path: string): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let rest = '';
  let line = 1;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    let text: string;
    try {
      text = rest + decoder.decode(chunk, { stream: true });
    } catch (error) {
      // The current line, plus the line breaks of this chunk before its first bad byte.
      const at = firstInvalidUtf8(chunk);
      const byte = chunk[at]?.toString(16).toUpperCase().padStart(2, '0');
      throw new JsonlSyntaxError(path, line + countNewlines(chunk, at), new Error(notUtf8(byte), { cause: error }), 'encoding');
    }
    // Line ends as a small file's; a "\r" that ends the chunk waits, in case its "\n" comes next.
    const lines = text.split(/\r\n|\n|\r(?!$)/);
    rest = lines.pop() ?? '';
    for (const l of lines) {
      line += 1;
      yield l;
    }
  }
  if (rest !== '') yield rest;
}

export class JsonlSyntaxError extends Error {
  /** What a person reads after "file:line: ". */
  readonly reason: string;
  constructor(readonly file: string, readonly line: number, cause: unknown, kind: 'json' | 'encoding' = 'json') {
    const detail = cause instanceof Error ? cause.message : String(cause);
    // The cause may name the file itself, with or without a line: "file:3: not UTF-8", "file: is UTF-16".
    const reason = kind === 'json' ? 'not valid JSON' : detail.startsWith(file) ? detail.slice(file.length).replace(/^(?::\d+)?: /, '') : detail;
    super(`${file}:${line}: ${reason}${kind === 'json' ? ` (${detail})` : ''}`);
    this.name = 'JsonlSyntaxError';
    this.reason = reason;
  }
}
