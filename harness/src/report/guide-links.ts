import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { z } from 'zod';
import { FailureClassSchema, type FailureClass } from '../detect/failure.js';

/** Where a report links for a failure class: a principle of a guide that a failure of that class taught. */
export interface GuideLink {
  /** Guide file (the .md when there is one, else the .json), relative to the guides folder. */
  file: string;
  principleId: string;
  title: string;
  /** Link from the report's folder. */
  href: string;
}
export type GuideLinks = Partial<Record<FailureClass, GuideLink>>;

/**
 * What is read of a principle: tolerant on purpose, since `slotcheck refine`
 * owns the guide format; anything without a known failure class is ignored.
 */
const PrincipleShape = z.looseObject({
  id: z.union([z.string(), z.number()]).optional(),
  title: z.string().optional(),
  name: z.string().optional(),
  statement: z.string().optional(),
  text: z.string().optional(),
  class: z.string().optional(),
  failureClass: z.string().optional(),
  provenance: z.unknown().optional(),
});
const GuideShape = z.union([z.looseObject({ principles: z.array(z.unknown()) }), z.array(z.unknown())]);

/** Reads `guides/*.json`; the first principle found for a class wins (files in name order). Never throws. */
export async function readGuideLinks(guidesDir: string, fromDir: string): Promise<GuideLinks> {
  const links: GuideLinks = {};
  if (!existsSync(guidesDir)) return links;
  const files = (await readdir(guidesDir)).filter((f) => f.endsWith('.json')).sort();
  for (const file of files) {
    const guide = GuideShape.safeParse(await readJson(join(guidesDir, file)));
    if (!guide.success) continue;
    const principles = Array.isArray(guide.data) ? guide.data : guide.data.principles;
    const shown = existsSync(join(guidesDir, file.replace(/\.json$/, '.md'))) ? file.replace(/\.json$/, '.md') : file;
    principles.forEach((raw, index) => {
      const principle = PrincipleShape.safeParse(raw);
      if (!principle.success) return;
      const cls = classOf(principle.data);
      if (!cls || links[cls]) return;
      const id = String(principle.data.id ?? index + 1);
      const href = `${relative(fromDir, join(guidesDir, shown)).split(sep).join('/')}${shown.endsWith('.md') ? `#${encodeURIComponent(id)}` : ''}`;
      links[cls] = { file: shown, principleId: id, title: titleOf(principle.data, id), href };
    });
  }
  return links;
}

function classOf(p: z.infer<typeof PrincipleShape>): FailureClass | undefined {
  const provenance = Array.isArray(p.provenance) ? p.provenance[0] : p.provenance;
  const fromProvenance = typeof provenance === 'object' && provenance !== null ? (provenance as Record<string, unknown>) : {};
  for (const candidate of [p.class, p.failureClass, fromProvenance.class, fromProvenance.failureClass]) {
    const parsed = FailureClassSchema.safeParse(candidate);
    if (parsed.success) return parsed.data;
  }
  return undefined;
}

function titleOf(p: z.infer<typeof PrincipleShape>, id: string): string {
  const text = p.title ?? p.name ?? p.statement ?? p.text ?? `principle ${id}`;
  return text.length > 140 ? `${text.slice(0, 139)}…` : text;
}

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return undefined;
  }
}
