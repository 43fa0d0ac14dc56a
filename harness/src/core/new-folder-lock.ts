import { existsSync, mkdirSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { SlotcheckError } from './errors.js';
import { lockFolder, type FolderLock } from './folder-lock.js';
import { assertFolderPath } from './folder-path.js';

/**
 * Creates a new output folder (a run folder) and locks it for the life of
 * the command: a second process aiming at the same folder is refused (exit 2)
 * before it writes anything, and a folder that already holds output (its
 * `marker` file exists) is never mixed with another's.
 */
export function lockNewFolder(dir: string, command: string, marker: string, display: (p: string) => string = (p) => p): FolderLock {
  assertFolderPath(dir, '--out', display);
  const created = !existsSync(dir);
  mkdirSync(dir, { recursive: true });
  let lock: FolderLock;
  try {
    lock = lockFolder(dir, command, display);
  } catch (error) {
    // Only an empty folder this call made; a refused lock means another process made it and works in it.
    if (created && !(error instanceof SlotcheckError && error.code === 'RUN_LOCKED')) rmdirQuietly(dir);
    throw error;
  }
  if (existsSync(join(dir, marker))) {
    lock.release();
    throw new SlotcheckError('USAGE', `${display(dir)} already holds a run; choose another --out or remove it`);
  }
  return lock;
}

function rmdirQuietly(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // not empty or already gone
  }
}

/** Runs `work` holding `lock`, releasing it however `work` ends. */
export async function whileLocked<T>(lock: FolderLock, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } finally {
    lock.release();
  }
}
