import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import { fstatSync, ftruncateSync, writeSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { randomBytes } from 'node:crypto';
import { SlotcheckError } from './errors.js';

/** Writes a whole file atomically: a reader sees the old or the new content, never half of it. */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temp, content, 'utf8');
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw writeFailed(path, error);
  }
}

/** The error of a write that could not complete (a full disk, a quota, a read-only folder): exit 3, naming the file and the cause. */
function writeFailed(path: string, cause: unknown): SlotcheckError {
  const code = (cause as NodeJS.ErrnoException).code;
  const reason = code === 'ENOSPC' ? 'no space left on the device' : code === 'EDQUOT' ? 'disk quota exceeded' : code === 'EFBIG' ? 'file too large' : cause instanceof Error ? cause.message : String(cause);
  return new SlotcheckError('WRITE_FAILED', `cannot write ${path}: ${reason}${code && !reason.includes(code) ? ` (${code})` : ''}`, { cause });
}

/** The system call an appender writes with: `fs.writeSync`, replaced in tests to fail part-way like a full disk. */
export type WriteSyncFn = (fd: number, buffer: Uint8Array, offset: number, length: number) => number;

/**
 * An append-only JSONL file. Each record is written completely or not at
 * all: a short write is continued, and a write that fails part-way (a full
 * disk) is cut back off the file before the error is thrown, so no reader
 * ever sees half a record, and the records written before stay whole.
 */
export class JsonlAppender {
  private constructor(
    private readonly handle: import('node:fs/promises').FileHandle,
    readonly path: string,
    private readonly writeFn: WriteSyncFn,
  ) {}

  static async open(path: string, options: { writeSync?: WriteSyncFn } = {}): Promise<JsonlAppender> {
    try {
      await mkdir(dirname(path), { recursive: true });
      return new JsonlAppender(await open(path, 'a'), path, options.writeSync ?? writeSync);
    } catch (error) {
      throw writeFailed(path, error);
    }
  }

  async append(record: unknown): Promise<void> {
    this.write(`${JSON.stringify(record)}\n`);
  }

  /** Appends several records with one write (one line each). */
  async appendAll(records: readonly unknown[]): Promise<void> {
    if (records.length > 0) this.write(records.map((r) => `${JSON.stringify(r)}\n`).join(''));
  }

  /**
   * Synchronous writes: a small append takes microseconds, while an
   * asynchronous one waits a turn of the thread pool; over a thousand
   * conversations that wait was a large part of `analyze`'s time.
   */
  private write(text: string): void {
    const bytes = Buffer.from(text, 'utf8');
    let written = 0;
    try {
      while (written < bytes.length) {
        const n = this.writeFn(this.handle.fd, bytes, written, bytes.length - written);
        if (n <= 0) throw Object.assign(new Error('no space left on the device'), { code: 'ENOSPC' });
        written += n;
      }
    } catch (error) {
      if (written > 0) this.cutBack(written);
      throw writeFailed(this.path, error);
    }
  }

  /** Takes a partly written record back off the end of the file. */
  private cutBack(bytes: number): void {
    try {
      ftruncateSync(this.handle.fd, Math.max(0, fstatSync(this.handle.fd).size - bytes));
    } catch {
      // The file keeps a partial last line, which readers skip and a resume cuts off.
    }
  }

  async close(): Promise<void> {
    await this.handle.sync().catch(() => undefined);
    await this.handle.close();
  }
}

export { readJsonl, JsonlSyntaxError, type JsonlLine } from './jsonl-reader.js';

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
