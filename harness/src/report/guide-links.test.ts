import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readGuideLinks } from './guide-links.js';

const FIXTURE = join(import.meta.dirname, '../../test/fixtures/guide-restaurant.json');

describe('readGuideLinks: per failure class, the guide principle to link to', () => {
  let root: string;
  let guides: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'slotcheck-guides-'));
    guides = join(root, 'guides');
    await mkdir(guides);
  });
  afterEach(async () => rm(root, { recursive: true, force: true }));

  it('links to the principle\'s anchor in the Markdown guide, relative to the report', async () => {
    await writeFile(join(guides, 'restaurant.json'), await readFile(FIXTURE, 'utf8'));
    await writeFile(join(guides, 'restaurant.md'), '# Guide\n');
    const links = await readGuideLinks(guides, join(root, 'reports/run-1'));
    expect(links).toEqual({
      'premature-action': {
        file: 'restaurant.md',
        principleId: 'keep-confirming-the-values-separate-from-authorising-the-action',
        title: 'Keep confirming the values separate from authorising the action',
        href: '../../guides/restaurant.md#keep-confirming-the-values-separate-from-authorising-the-action',
      },
    });
  });

  it('links to the JSON when there is no Markdown guide, and skips files that are not guides', async () => {
    await writeFile(join(guides, 'restaurant.json'), await readFile(FIXTURE, 'utf8'));
    await writeFile(join(guides, 'broken.json'), '{ not json');
    await writeFile(join(guides, 'other.json'), JSON.stringify({ principles: [{ title: 'x', class: 're-ask' }] }));
    const links = await readGuideLinks(guides, root);
    expect(Object.keys(links)).toEqual(['premature-action']);
    expect(links['premature-action']?.href).toBe('guides/restaurant.json');
  });

  it('is empty without a guides folder', async () => {
    expect(await readGuideLinks(join(root, 'missing'), root)).toEqual({});
  });
});
