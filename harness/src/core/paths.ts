import { realpathSync } from 'node:fs';
import { relative, isAbsolute } from 'node:path';
import { SlotcheckError } from './errors.js';

/**
 * Input files reach other files through folders (a scenario names a bot, a
 * folder of scenarios is walked). Whatever is reached that way must really
 * live inside that folder: a `..` in a name or a symlink pointing elsewhere is
 * refused, so a checked-in suite cannot make slotcheck read files outside it.
 */
export function assertInside(root: string, path: string, what: string, display: (p: string) => string): void {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return p;
    }
  };
  const rel = relative(real(root), real(path));
  if (rel.startsWith('..') || isAbsolute(rel)) {
    throw new SlotcheckError('PATH_OUTSIDE_PROJECT', `${display(path)}: ${what} resolves outside ${display(root)}; files must stay inside the folders that reference them`);
  }
}
