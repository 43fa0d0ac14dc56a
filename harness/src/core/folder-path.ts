import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { SlotcheckError } from './errors.js';

/**
 * A folder slotcheck is to write into must be a folder or not exist yet,
 * under parents that are folders: checked before anything runs, so `--out`
 * naming a file is a usage error (exit 2), not a crash after the run.
 */
export function assertFolderPath(path: string, what: string, display: (p: string) => string = (p) => p): void {
  for (let p = path; ; p = dirname(p)) {
    if (existsSync(p)) {
      if (!statSync(p).isDirectory()) throw new SlotcheckError('USAGE', `${what} ${display(path)}: ${p === path ? 'is a file' : `${display(p)} is a file`}; name a folder`);
      return;
    }
    if (dirname(p) === p) return;
  }
}
