import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderGuideMarkdown } from './markdown.js';
import { loadGuide, saveGuide } from './store.js';
import { SEED_PRINCIPLES } from '../refine/seeds.js';
import { FailureClassSchema } from '../detect/failure.js';

const GUIDES = join(import.meta.dirname, '../../../guides');

describe('guides', () => {
  it('the committed guide is valid and its Markdown is rendered from its JSON (re-run refine after changing the template)', async () => {
    const guide = await loadGuide(GUIDES, 'slot-filling');
    expect(guide.principles.length).toBeGreaterThan(0);
    expect(await renderGuideMarkdown(guide, 'slot-filling.json')).toBe(await readFile(join(GUIDES, 'slot-filling.md'), 'utf8'));
  });

  it('every failure class has a built-in seed principle with a distinct title', () => {
    const titles = FailureClassSchema.options.map((cls) => SEED_PRINCIPLES[cls].title);
    expect(new Set(titles).size).toBe(FailureClassSchema.options.length);
  });

  it('an invalid guide is an error naming the file, line and field', async () => {
    await expect(loadGuide(join(import.meta.dirname, '../../test/fixtures/refine'), 'invalid-guide')).rejects.toThrow(/invalid-guide\.json:6: field "principles\.0\.category"/);
  });

  it('a guide of schema version 1 (before transfer checks) loads, and is written back as version 2 with nothing lost', async () => {
    const v1 = JSON.parse(await readFile(join(import.meta.dirname, '../../test/fixtures/guide-restaurant.json'), 'utf8'));
    expect(v1.schemaVersion).toBe(1);
    const guide = await loadGuide(join(import.meta.dirname, '../../test/fixtures'), 'guide-restaurant');
    const dir = await mkdtemp(join(tmpdir(), 'slotcheck-guide-'));
    try {
      await saveGuide(dir, { ...guide, name: 'migrated' });
      const saved = JSON.parse(await readFile(join(dir, 'migrated.json'), 'utf8'));
      expect(saved.schemaVersion).toBe(2);
      expect(saved.principles.map((p: { provenance: unknown[] }) => p.provenance)).toEqual(v1.principles.map((p: { provenance: unknown[] }) => p.provenance));
      // A seed was neither verified nor checked elsewhere: no transfer summary.
      expect(saved.principles.map((p: { transfer?: unknown }) => p.transfer)).toEqual([undefined]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
