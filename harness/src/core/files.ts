import { mkdir, open, readFile, rename, writeFile } from 'node:fs/promises';
import { createReadStream, readFileSync, statSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { dirname, join, basename } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Writes a whole file atomically: a reader sees the old or the new content, never half of it. */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  await writeFile(temp, content, 'utf8');
  await rename(temp, path);
}

/**
 * An append-only JSONL file. Each record is written with one `write` call on an
 * O_APPEND descriptor, so a crash leaves at worst a truncated last line, which
 * readers skip.
 */
export class JsonlAppender {
  private constructor(private readonly handle: import('node:fs/promises').FileHandle) {}

  static async open(path: string): Promise<JsonlAppender> {
    await mkdir(dirname(path), { recursive: true });
    return new JsonlAppender(await open(path, 'a'));
  }

  async append(record: unknown): Promise<void> {
    this.write(`${JSON.stringify(record)}\n`);
  }

  /** Appends several records with one write (one line each). */
  async appendAll(records: readonly unknown[]): Promise<void> {
    if (records.length > 0) this.write(records.map((r) => `${JSON.stringify(r)}\n`).join(''));
  }

  /**
   * One synchronous write: a small append takes microseconds, while an
   * asynchronous one waits a turn of the thread pool; over a thousand
   * conversations that wait was a large part of `analyze`'s time.
   */
  private write(text: string): void {
    writeSync(this.handle.fd, text);
  }

  async close(): Promise<void> {
    await this.handle.sync().catch(() => undefined);
    await this.handle.close();
  }
}

/** One parsed line of a JSONL file, with its 1-based line number. */
export interface JsonlLine {
  line: number;
  value: unknown;
}

/**
 * Streams a JSONL file line by line. A line that is not JSON is reported through
 * `onInvalid` (or skipped when it is a truncated final line and `tolerateTruncatedTail`).
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

/** Below this size a JSONL file is read in one go: streaming it costs a thread-pool round trip per 64 KiB. */
const READ_WHOLE_UNDER_BYTES = 4 * 1024 * 1024;

function jsonlLines(path: string): AsyncIterable<string> | Iterable<string> {
  if (statSync(path).size < READ_WHOLE_UNDER_BYTES) {
    const lines = readFileSync(path, 'utf8').split(/\r\n|\n|\r/);
    if (lines.at(-1) === '') lines.pop();
    return lines;
  }
  return createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
}

export class JsonlSyntaxError extends Error {
  constructor(readonly file: string, readonly line: number, cause: unknown) {
    super(`${file}:${line}: not valid JSON (${cause instanceof Error ? cause.message : String(cause)})`);
    this.name = 'JsonlSyntaxError';
  }
}

export async function readText(path: string): Promise<string> {
  return readFile(path, 'utf8');
}

/**
 * Cuts a file back to its last newline: what a kill in the middle of an
 * append leaves behind is a partial last line, and appending after it would
 * glue the next record onto it. Returns how many bytes were cut.
 */
export async function truncatePartialLine(path: string): Promise<number> {
  const handle = await open(path, 'r+');
  try {
    const { size } = await handle.stat();
    const chunk = Buffer.alloc(64 * 1024);
    for (let end = size; end > 0; ) {
      const start = Math.max(0, end - chunk.length);
      const { bytesRead } = await handle.read(chunk, 0, end - start, start);
      const newline = chunk.subarray(0, bytesRead).lastIndexOf(0x0a);
      if (newline >= 0) {
        await handle.truncate(start + newline + 1);
        return size - (start + newline + 1);
      }
      end = start;
    }
    await handle.truncate(0);
    return size;
  } finally {
    await handle.close();
  }
}
