import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A file that ships beside the code (`harness/templates/…`,
 * `harness/examples/…`), found from wherever this module runs: the
 * TypeScript sources (tests), the compiled `dist/` or the CLI's bundle.
 */
export function harnessFile(relative: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'templates'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`slotcheck's harness folder (with templates/) was not found above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
  return join(dir, relative);
}
