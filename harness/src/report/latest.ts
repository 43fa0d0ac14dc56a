import { existsSync, lstatSync } from 'node:fs';
import { cp, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, join, relative, resolve } from 'node:path';
import { LOCK_FILE } from '../core/folder-lock.js';

export const LATEST = 'latest';
/** Marks a `latest/` that slotcheck copied, so it may replace it next time (never a folder of the user's). */
const COPY_MARKER = '.slotcheck-latest-copy';

export type LatestResult = { mode: 'symlink' | 'copy' } | { mode: 'skipped'; reason: string };

/**
 * Points `<reportsDir>/latest` at the run folder: a relative symlink (a
 * junction on Windows, which needs no privilege), swapped in with one rename
 * so a reader never sees it missing. Where links cannot be made, a copy of
 * the folder, marked as such. Never fails the run: the result says what happened.
 */
export async function pointLatest(reportsDir: string, outDir: string, deps: { platform?: NodeJS.Platform; symlink?: typeof symlink } = {}): Promise<LatestResult> {
  const { platform = process.platform, symlink: link = symlink } = deps;
  const latest = join(reportsDir, LATEST);
  if (resolve(outDir) === resolve(latest)) return { mode: 'skipped', reason: 'the run itself is in latest/' };
  if (isForeignFolder(latest)) return { mode: 'skipped', reason: `${latest} is a folder slotcheck did not make; remove it to have latest/ kept up to date` };
  const temp = join(reportsDir, `.${LATEST}.${randomBytes(4).toString('hex')}`);
  try {
    if (platform === 'win32') await link(resolve(outDir), temp, 'junction');
    else await link(relative(reportsDir, outDir) || '.', temp, 'dir');
    await replace(temp, latest);
    return { mode: 'symlink' };
  } catch {
    await rm(temp, { recursive: true, force: true });
  }
  try {
    // The run's lock file belongs to the run folder, not to its copy.
    await cp(outDir, temp, { recursive: true, filter: (source) => basename(source) !== LOCK_FILE });
    await writeFile(join(temp, COPY_MARKER), 'latest/ is a copy of the newest run folder (symlinks were not available).\n');
    await replace(temp, latest);
    return { mode: 'copy' };
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    return { mode: 'skipped', reason: error instanceof Error ? error.message : String(error) };
  }
}

/** Renames `from` over `to`; a copied folder cannot be renamed over, so it is removed first. */
async function replace(from: string, to: string): Promise<void> {
  if (existsSync(to) && !lstatSync(to).isSymbolicLink()) await rm(to, { recursive: true, force: true });
  await rename(from, to);
}

function isForeignFolder(path: string): boolean {
  if (!existsSync(path)) return false;
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return false;
  return !existsSync(join(path, COPY_MARKER));
}
