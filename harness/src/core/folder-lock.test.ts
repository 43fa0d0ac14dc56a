import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlotcheckError } from './errors.js';
import { LOCK_FILE, lockFolder, processStart } from './folder-lock.js';

const DEAD_PID = 2 ** 22 + 17;
const holder = (pid: number, host = hostname()) => `${JSON.stringify({ pid, host, since: '2026-01-01T00:00:00.000Z', command: 'run' })}\n`;

describe('lockFolder', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'slotcheck-lock-'));
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  const refusal = (command = 'merge'): SlotcheckError => {
    try {
      lockFolder(dir, command);
    } catch (error) {
      return error as SlotcheckError;
    }
    throw new Error('the lock was granted');
  };

  it('grants one holder at a time, even within one process, and names the holder to the next', async () => {
    const lock = lockFolder(dir, 'run');
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, host: hostname(), command: 'run' });
    const refused = refusal();
    expect(refused.code).toBe('RUN_LOCKED');
    expect(refused.exitCode).toBe(2);
    expect(refused.message).toMatch(new RegExp(`is in use by \`slotcheck run\` \\(pid ${process.pid} on `));
    lock.release();
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    lockFolder(dir, 'run').release();
  });

  it('takes over a lock whose process is gone on this host; respects one held on another host', async () => {
    await writeFile(join(dir, LOCK_FILE), holder(DEAD_PID));
    const lock = lockFolder(dir, 'run --resume');
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    lock.release();
    await writeFile(join(dir, LOCK_FILE), holder(DEAD_PID, 'another-machine'));
    expect(refusal().message).toMatch(/pid \d+ on another-machine/);
  });

  it('a lock whose pid now belongs to a process started after it (the pid was reused) is stale', async () => {
    const started = processStart(process.pid);
    if (started === undefined) return; // not Linux: start times cannot be read
    expect(Math.abs(started - (Date.now() - process.uptime() * 1000))).toBeLessThan(2_000);
    await writeFile(join(dir, LOCK_FILE), `${JSON.stringify({ pid: process.pid, host: hostname(), since: new Date(started - 3_600_000).toISOString(), command: 'run' })}\n`);
    lockFolder(dir, 'run --resume').release();
    await writeFile(join(dir, LOCK_FILE), `${JSON.stringify({ pid: process.pid, host: hostname(), since: new Date(started + 5_000).toISOString(), command: 'run' })}\n`);
    expect(refusal().code).toBe('RUN_LOCKED');
  });

  it('a holder killed (kill -9) but not yet reaped by its parent, a zombie, is gone', async () => {
    if (processStart(process.pid) === undefined) return; // not Linux: process states cannot be read
    // The shell's background child exits at once; the shell then becomes `sleep`, which never reaps it.
    const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 5'], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const [line] = (await once(createInterface({ input: parent.stdout! }), 'line')) as [string];
      const zombie = Number(line);
      await new Promise((r) => setTimeout(r, 200));
      expect(readFileSync(`/proc/${zombie}/stat`, 'utf8')).toMatch(/\) Z /);
      await writeFile(join(dir, LOCK_FILE), `${JSON.stringify({ pid: zombie, host: hostname(), since: new Date().toISOString(), command: 'run' })}\n`);
      lockFolder(dir, 'run --resume').release();
    } finally {
      parent.kill();
    }
  });

  it('an unreadable lock file is someone writing it when fresh, and a crash when old', async () => {
    await writeFile(join(dir, LOCK_FILE), '');
    expect(refusal().message).toMatch(/in use by another slotcheck process/);
    const old = new Date(Date.now() - 60_000);
    await utimes(join(dir, LOCK_FILE), old, old);
    lockFolder(dir, 'run').release();
  });

  it('release leaves a lock that is no longer its own (broken as stale and retaken elsewhere)', async () => {
    const lock = lockFolder(dir, 'run');
    await writeFile(join(dir, LOCK_FILE), holder(process.pid + 1));
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
  });
});
