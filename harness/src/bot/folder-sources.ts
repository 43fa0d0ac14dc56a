import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

// Code a module bot may import from its own folder; data files it reads at run time count too.
const SOURCE = /\.(?:[cm]?[jt]s|json|ya?ml|md|hbs|txt|csv)$/i;
// A bot folder holding more than this is not read whole: its module's own source still counts.
const MAX_BYTES = 4 * 1024 * 1024;

/**
 * One hash of the source files in a module bot's folder (subfolders too;
 * dot-folders such as `.slotcheck/`, where TypeScript modules are bundled,
 * and `node_modules` left out): a module that imports a helper beside it
 * changes its behaviour when the helper changes, so resume and the turn
 * cache must see that change, not only the module file's.
 */
export async function folderSourcesHash(dir: string): Promise<string> {
  const hash = createHash('sha256');
  let bytes = 0;
  for (const path of await sourceFiles(dir)) {
    const content = await readFile(path);
    bytes += content.length;
    if (bytes > MAX_BYTES) return 'too-large';
    hash.update(relative(dir, path).split(sep).join('/')).update('\0').update(content).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && SOURCE.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .filter((path) => !relative(dir, path).split(sep).some((part) => part.startsWith('.') || part === 'node_modules'))
    .sort();
}
