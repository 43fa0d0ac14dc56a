import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './files.js';

/**
 * A content-addressed JSON store on disk: one file per key under
 * `dir/<first two chars>/<key>.json`, written atomically. Keys are hashes of
 * what was asked, so a hit is the answer to the same question. Callers keep
 * secrets out of both keys and values.
 */
export class DiskCache<T> {
  constructor(readonly dir: string) {}

  private pathOf(key: string): string {
    if (!/^[A-Za-z0-9_-]{8,}$/.test(key)) throw new Error(`cache key must be a hash, got "${key}"`);
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  async get(key: string): Promise<T | undefined> {
    const path = this.pathOf(key);
    if (!existsSync(path)) return undefined;
    try {
      return JSON.parse(await readFile(path, 'utf8')) as T;
    } catch {
      return undefined;
    }
  }

  async set(key: string, value: T): Promise<void> {
    await writeFileAtomic(this.pathOf(key), `${JSON.stringify(value)}\n`);
  }
}
