import { execFileSync } from 'node:child_process';
import { writeSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SlotcheckError } from '../src/core/errors.js';
import type { WriteSyncFn } from '../src/core/files.js';
import { createModelClient } from '../src/model/index.js';
import { resumeRun, runSuite } from '../src/pipeline/index.js';
import { runCli, useServerAndProject } from './helpers.js';
import { expectExact } from './run-folder-checks.js';

const TRIALS = 4;
const PLANNED = 6 * TRIALS;

/** Writes at most `chunk` bytes a call, as a kernel may (a legal short write). */
const shortWrites = (chunk: number): WriteSyncFn => (fd, buffer, offset, length) => writeSync(fd, buffer, offset, Math.min(length, chunk));

/** A disk that fills after `budget` bytes: the write that crosses it is cut short, every later one fails with ENOSPC. */
function fillingDisk(budget: number): WriteSyncFn & { free(): void } {
  let left = budget;
  let full = false;
  const fn = ((fd, buffer, offset, length) => {
    if (full) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    if (length > left) {
      full = true;
      return writeSync(fd, buffer, offset, Math.max(1, left));
    }
    left -= length;
    return writeSync(fd, buffer, offset, length);
  }) as WriteSyncFn & { free(): void };
  fn.free = () => {
    full = false;
    left = Infinity;
  };
  return fn;
}

describe('a full disk loses no failure record', () => {
  const ctx = useServerAndProject();

  const options = (out: string) => ({
    scenarioPaths: [join(ctx.project, 'scenarios')], botsDir: join(ctx.project, 'bots'), reportsDir: join(ctx.project, 'reports'), outDir: join(ctx.project, out),
    trials: TRIALS, concurrency: 4, modelName: 'forgetful', conversationTimeoutMs: 30_000, projectDir: ctx.project,
  });
  const model = () => createModelClient({ baseURL: ctx.server.url }, { concurrency: 4, callTimeoutMs: 10_000, retries: 0 });
  const clock = () => new Date();

  it('short writes are continued: every record is whole', async () => {
    const result = await runSuite(options('short'), model(), { clock, writeSync: shortWrites(97) });
    expect(result.summary.totals.conversations).toBe(PLANNED);
    await expectExact(join(ctx.project, 'short'), PLANNED);
  });

  it('a write that fills the disk fails the run cleanly (naming the file and the cause); the records kept are whole, and --resume finishes it exactly', async () => {
    const disk = fillingDisk(30_000);
    const failed = await runSuite(options('full'), model(), { clock, writeSync: disk }).then(() => undefined, (error: unknown) => error);
    expect(failed).toBeInstanceOf(SlotcheckError);
    expect((failed as SlotcheckError).code).toBe('WRITE_FAILED');
    expect((failed as SlotcheckError).message).toMatch(/^cannot write .*full\/(transcripts|failures)\.jsonl: no space left on the device \(ENOSPC\); the conversations recorded so far are kept: free space, then finish the run with `slotcheck run --resume .*full`/);
    // No half record was left behind, and no conversation is recorded without its failures.
    for (const file of ['transcripts.jsonl', 'failures.jsonl']) {
      const text = await readFile(join(ctx.project, 'full', file), 'utf8');
      expect(text === '' || text.endsWith('\n'), `${file} ends ${JSON.stringify(text.slice(-60))}`).toBe(true);
    }
    const kept = (await readFile(join(ctx.project, 'full/transcripts.jsonl'), 'utf8')).split('\n').filter(Boolean).length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(PLANNED);
    await expectExact(join(ctx.project, 'full'), kept, { orphansAllowed: true });
    disk.free();
    const resumed = await resumeRun({ outDir: join(ctx.project, 'full'), projectDir: ctx.project, concurrency: 4 }, model(), { clock, writeSync: disk });
    expect(resumed.summary.totals).toMatchObject({ conversations: PLANNED, failed: PLANNED });
    await expectExact(join(ctx.project, 'full'), PLANNED);
  });
});

/** The real thing where the machine allows it: a 32 KiB tmpfs, the CLI's own message, then more room and --resume. */
const mountPoint = await mkdtemp(join(tmpdir(), 'slotcheck-tmpfs-'));
const canMount = (() => {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=32k', 'tmpfs', mountPoint], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.runIf(canMount)('on a real full file system (tmpfs)', () => {
  const ctx = useServerAndProject();
  afterAll(async () => {
    execFileSync('umount', [mountPoint]);
    await rm(mountPoint, { recursive: true, force: true });
  });

  it('exit 3 with the file and the cause, no stack trace; after freeing space --resume loses nothing', async () => {
    const env = { OPENAI_BASE_URL: ctx.server.url };
    const out = join(mountPoint, 'run');
    const full = await runCli(['run', '--model', 'forgetful', '--trials', String(TRIALS), '--out', out], { cwd: ctx.project, env });
    expect(full.code).toBe(3);
    expect(full.stderr).toMatch(/^slotcheck: cannot write .*\.jsonl: no space left on the device \(ENOSPC\); .* `slotcheck run --resume .*run`$/m);
    expect(full.stderr).not.toMatch(/internal error|\n\s+at .+\(.+:\d+:\d+\)/);
    execFileSync('mount', ['-o', 'remount,size=2m', mountPoint]);
    const resumed = await runCli(['run', '--resume', out], { cwd: ctx.project, env });
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(1);
    await expectExact(out, PLANNED);
  });
});

if (!canMount) await rm(mountPoint, { recursive: true, force: true });
