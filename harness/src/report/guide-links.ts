import { existsSync } from 'node:fs';
import { relative, sep } from 'node:path';
import type { FailureClass } from '../detect/failure.js';
import { principlesByClass } from '../guide/links.js';

/** Where a report links for a failure class: the guide principle that prevents it. */
export interface GuideLink {
  /** Guide file linked to: the .md when it exists, else the .json. */
  file: string;
  principleId: string;
  title: string;
  /** Link from the report's folder. */
  href: string;
}
export type GuideLinks = Partial<Record<FailureClass, GuideLink>>;

/**
 * Per failure class, the first principle of `guides/*.json` that prevents it
 * (verified ones before unverified seeds). Files that are not guides are
 * skipped: a report renders whatever the guides folder holds.
 */
export async function readGuideLinks(guidesDir: string, fromDir: string): Promise<GuideLinks> {
  const links: GuideLinks = {};
  for (const [cls, principles] of Object.entries(await principlesByClass(guidesDir))) {
    const first = principles[0];
    if (!first) continue;
    const markdown = existsSync(first.guideFile);
    const file = markdown ? first.guideFile : first.guideFile.replace(/\.md$/, '.json');
    const href = `${relative(fromDir, file).split(sep).join('/')}${markdown ? first.anchor : ''}`;
    links[cls as FailureClass] = { file: relative(guidesDir, file), principleId: first.id, title: first.title, href };
  }
  return links;
}
