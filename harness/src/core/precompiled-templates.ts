import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { harnessFile } from './assets.js';

/** Where `npm run build` puts the templates of harness/templates/ compiled ahead of time. */
export const PRECOMPILED_FILE = 'dist/precompiled-templates.json';

/** A template's identity: its text and the one compile option that changes the code. */
export function templateKey(source: string, noEscape: boolean): string {
  return createHash('sha256').update(`${noEscape ? 'raw' : 'escaped'}\n${source}`).digest('hex');
}

/**
 * The Handlebars spec compiled at build time for exactly this text and
 * option, if any: compiling the HTML report's template took longer than
 * rendering it. Keyed by content, so an edited template is compiled afresh
 * rather than served stale, and without a build (the tests run the sources)
 * everything is compiled at run time as before.
 */
export function precompiledSpec(source: string, noEscape: boolean, table: () => Record<string, string> = builtTable): object | undefined {
  const spec = table()[templateKey(source, noEscape)];
  // The spec is JavaScript that Handlebars.precompile wrote at build time from our own templates.
  return spec ? (new Function(`return ${spec}`)() as object) : undefined;
}

// Read once per process: a build artifact that does not change while it runs, and every
// compiled template (bot prompts included) looks itself up in it.
let built: Record<string, string> | undefined;
const builtTable = (): Record<string, string> => (built ??= readTable());

function readTable(): Record<string, string> {
  let path: string;
  try {
    path = harnessFile(PRECOMPILED_FILE);
  } catch {
    return {};
  }
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>) : {};
}
