import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderGuideMarkdown } from './markdown.js';
import { loadGuide } from './store.js';
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
});
