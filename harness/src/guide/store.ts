import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SlotcheckError } from '../core/errors.js';
import { writeFileAtomic } from '../core/files.js';
import { parseLocated } from '../core/located-parse.js';
import { renderGuideMarkdown } from './markdown.js';
import { GUIDE_SCHEMA_VERSION, GuideSchema, type Guide } from './schema.js';
import { summariseTransfer } from './transfer-summary.js';

/** The guide refine writes to unless told otherwise: the task class slotcheck is about. */
export const DEFAULT_GUIDE_NAME = 'slot-filling';

const GUIDE_NAME = /^[a-z0-9][a-z0-9-]*$/;

export function guidePaths(dir: string, name: string): { json: string; markdown: string } {
  if (!GUIDE_NAME.test(name)) throw new SlotcheckError('USAGE', `guide name "${name}" must be lower-case letters, digits and "-" (it names guides/<name>.json)`);
  return { json: join(dir, `${name}.json`), markdown: join(dir, `${name}.md`) };
}

export function emptyGuide(name: string): Guide {
  return {
    schemaVersion: GUIDE_SCHEMA_VERSION,
    name,
    title: name === DEFAULT_GUIDE_NAME ? 'Writing prompts for slot-filling bots' : `${name}: writing prompts for slot-filling bots`,
    description:
      'Principles for writing the system prompts of slot-filling bots (bots that collect values, confirm them, get the go-ahead and act through a tool). ' +
      'Each principle was generalised at the moment a prompt fix was verified, and keeps the failures, patch and pass rates that taught it. ' +
      'Principles marked *unverified seed* are built-in starting points with evidence from a run, not yet verified by a fix.',
    principles: [],
  };
}

/** Reads guides/<name>.json (a new, empty guide when there is none); an invalid file is an error naming file, line and field. */
export async function loadGuide(dir: string, name: string, display: (path: string) => string = (p) => p): Promise<Guide> {
  const { json } = guidePaths(dir, name);
  if (!existsSync(json)) return emptyGuide(name);
  return parseLocated(await readFile(json, 'utf8'), display(json), GuideSchema, 'GUIDE_INVALID');
}

/**
 * Writes the JSON (for tools) and the Markdown rendered from it (for people),
 * each atomically. Unchanged files are not rewritten, so re-running refine on
 * the same run leaves the guide byte for byte as it was.
 */
export async function saveGuide(dir: string, guide: Guide): Promise<void> {
  const paths = guidePaths(dir, guide.name);
  // Through the schema: never write an invalid guide, and keys always come out in the same order.
  const canonical = GuideSchema.parse(canonicalGuide(guide));
  await writeIfChanged(paths.json, `${JSON.stringify(canonical, null, 2)}\n`);
  await writeIfChanged(paths.markdown, await renderGuideMarkdown(canonical, `${guide.name}.json`));
}

async function writeIfChanged(path: string, content: string): Promise<void> {
  if (existsSync(path) && (await readFile(path, 'utf8')) === content) return;
  await writeFileAtomic(path, content);
}

/** The guide as it is written: the current schema version, and each principle's transfer summary derived from its provenance. */
export function canonicalGuide(guide: Guide): Guide {
  const principles = guide.principles.map(({ transfer: _old, ...p }) => {
    const transfer = summariseTransfer(p);
    return transfer ? { ...p, transfer } : p;
  });
  return { ...guide, schemaVersion: GUIDE_SCHEMA_VERSION, principles };
}
