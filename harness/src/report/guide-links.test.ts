import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readGuideLinks } from './guide-links.js';

describe('readGuideLinks: tolerant of the guide format', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'slotcheck-guides-'));
  });
  afterEach(async () => rm(root, { recursive: true, force: true }));

  it('finds the class in provenance (object or list) or on the principle, prefers the .md, ignores the rest', async () => {
    const guides = join(root, 'guides');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(guides);
    await writeFile(join(guides, 'a.json'), JSON.stringify({ principles: [{ id: 'p1', title: 'Ask before acting', provenance: { class: 'premature-action' } }, { id: 'p2', statement: 'No class here' }] }));
    await writeFile(join(guides, 'a.md'), '# Guide a\n');
    await writeFile(join(guides, 'b.json'), JSON.stringify([{ id: 7, text: 'Remember what was said', provenance: [{ failureClass: 're-ask' }] }, { title: 'later', class: 'premature-action' }]));
    await writeFile(join(guides, 'broken.json'), '{ not json');
    await writeFile(join(guides, 'other.json'), JSON.stringify({ principles: [{ title: 'x', class: 'no-such-class' }] }));
    const links = await readGuideLinks(guides, join(root, 'reports/run-1'));
    expect(links).toEqual({
      'premature-action': { file: 'a.md', principleId: 'p1', title: 'Ask before acting', href: '../../guides/a.md#p1' },
      're-ask': { file: 'b.json', principleId: '7', title: 'Remember what was said', href: '../../guides/b.json' },
    });
  });

  it('is empty without a guides folder', async () => {
    expect(await readGuideLinks(join(root, 'missing'), root)).toEqual({});
  });
});
