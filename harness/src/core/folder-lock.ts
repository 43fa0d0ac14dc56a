import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { SlotcheckError } from './errors.js';

/** The lock file inside a locked folder. */
export const LOCK_FILE = '.slotcheck.lock';

/** Who holds a lock: written into the lock file when it is taken. */
interface Holder {
  pid: number;
  host: string;
  since: string;
  command: string;
}

/** A lock taken on a folder; `release` is idempotent. */
export interface FolderLock {
  release(): void;
}

/**
 * Takes an exclusive lock on a folder for the life of a run, a resume or a
 * merge: a lock file created atomically (O_EXCL), holding the holder's pid
 * and host. A lock whose process no longer runs on this host (a kill -9) is
 * stale and taken over; a live one refuses, naming the holder (exit 2).
 * Within one process two takers are refused too: the file exists.
 */
export function lockFolder(dir: string, command: string, display: (p: string) => string = (p) => p): FolderLock {
  const path = join(dir, LOCK_FILE);
  const holder: Holder = { pid: process.pid, host: hostname(), since: new Date().toISOString(), command };
  if (!tryCreate(path, holder)) {
    const current = readHolder(path);
    if (current ? isAlive(current) : justCreated(path)) throw lockedError(dir, current, display);
    breakStaleLock(path, current);
    if (!tryCreate(path, holder)) throw lockedError(dir, readHolder(path), display);
  }
  let held = true;
  return {
    release() {
      if (!held) return;
      held = false;
      // Only our own lock is removed: a lock broken as stale and retaken by another process is theirs.
      const now = readHolder(path);
      if (now?.since === holder.since && now.pid === holder.pid) rmSync(path, { force: true });
    },
  };
}

function tryCreate(path: string, holder: Holder): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${JSON.stringify(holder)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Removes a stale lock. Two processes may find the same stale lock: a second
 * lock file, itself created exclusively, lets only one of them remove it, so
 * neither deletes a lock the other has just taken.
 */
function breakStaleLock(path: string, stale: Holder | undefined): void {
  const breaker = `${path}.break`;
  try {
    if (Date.now() - statSync(breaker).mtimeMs > 10_000) rmSync(breaker, { force: true });
  } catch {
    // no breaker: the usual case
  }
  if (!tryCreate(breaker, { pid: process.pid, host: hostname(), since: new Date().toISOString(), command: 'break' })) return;
  try {
    const now = readHolder(path);
    if (now === undefined || (stale && now.pid === stale.pid && now.since === stale.since)) rmSync(path, { force: true });
  } finally {
    rmSync(breaker, { force: true });
  }
}

/** An unreadable lock file younger than this may be one another process is still writing. */
function justCreated(path: string): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs < 5_000;
  } catch {
    return false;
  }
}

function readHolder(path: string): Holder | undefined {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<Holder>;
    return typeof value.pid === 'number' && typeof value.host === 'string' ? { pid: value.pid, host: value.host, since: String(value.since), command: String(value.command) } : undefined;
  } catch {
    // Empty or half-written: its writer died between creating and writing it (or is writing it now).
    return undefined;
  }
}

/**
 * Whether the holder still runs. On another host it cannot be checked: it is
 * taken to be alive. A pid alive now but started after the lock was taken is
 * another process that got the dead holder's pid, and a zombie (killed, not
 * yet reaped by its parent) runs no more (Linux tells start times and states).
 */
function isAlive(holder: Holder): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (isZombie(holder.pid)) return false;
  const started = processStart(holder.pid);
  const since = Date.parse(holder.since);
  return started === undefined || Number.isNaN(since) || started <= since + 1_000;
}

/** Whether a process has exited but not been reaped (state Z or X in /proc on Linux; false elsewhere). */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return /^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return false;
  }
}

/** When a process started (ms since the epoch), from /proc on Linux; undefined elsewhere. */
export function processStart(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    const boot = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    // Clock ticks are 1/100 s on every Linux Node runs on (USER_HZ).
    return Number.isFinite(ticks) && Number.isFinite(boot) ? boot * 1000 + ticks * 10 : undefined;
  } catch {
    return undefined;
  }
}

function lockedError(dir: string, holder: Holder | undefined, display: (p: string) => string): SlotcheckError {
  const who = holder ? `\`slotcheck ${holder.command}\` (pid ${holder.pid} on ${holder.host}, since ${holder.since})` : 'another slotcheck process';
  return new SlotcheckError('RUN_LOCKED', `${display(dir)} is in use by ${who}; wait for it to finish, or remove ${display(join(dir, LOCK_FILE))} if that process is gone`);
}
