import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FailureClass } from '../detect/failure.js';
import { GuideSchema } from './schema.js';

/** Where a failure class's principle lives, for a report to link to. */
export interface PrincipleLink {
  id: string;
  title: string;
  status: 'verified' | 'unverified-seed';
  /** The guide's name (guides/<name>.json). */
  guide: string;
  /** The Markdown guide, as `guidesDir`/<name>.md. */
  guideFile: string;
  /** The principle's anchor in the Markdown guide, e.g. `#keep-slot-capture-separate`. */
  anchor: string;
}

/**
 * Reads every guide in `guidesDir` and returns, per failure class, the
 * principles that prevent it (verified first). Files that are not guides are
 * passed to `onInvalid` and skipped: a report should still render.
 */
export async function principlesByClass(guidesDir: string, onInvalid: (file: string, problem: string) => void = () => undefined): Promise<Partial<Record<FailureClass, PrincipleLink[]>>> {
  const links: Partial<Record<FailureClass, PrincipleLink[]>> = {};
  if (!existsSync(guidesDir)) return links;
  const files = (await readdir(guidesDir)).filter((f) => f.endsWith('.json')).sort();
  for (const file of files) {
    let parsed;
    try {
      parsed = GuideSchema.safeParse(JSON.parse(await readFile(join(guidesDir, file), 'utf8')));
    } catch (error) {
      onInvalid(join(guidesDir, file), error instanceof Error ? error.message : String(error));
      continue;
    }
    if (!parsed.success) {
      onInvalid(join(guidesDir, file), parsed.error.issues[0]?.message ?? 'not a guide');
      continue;
    }
    const guide = parsed.data;
    for (const p of guide.principles) {
      for (const cls of p.failureClasses) {
        (links[cls] ??= []).push({ id: p.id, title: p.title, status: p.status, guide: guide.name, guideFile: join(guidesDir, `${guide.name}.md`), anchor: `#${p.id}` });
      }
    }
  }
  for (const list of Object.values(links)) list.sort((a, b) => Number(a.status !== 'verified') - Number(b.status !== 'verified'));
  return links;
}
