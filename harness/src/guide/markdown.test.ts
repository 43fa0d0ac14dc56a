import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderGuideMarkdown } from './markdown.js';
import { GuideSchema } from './schema.js';

describe('the guide in Markdown', () => {
  it('quotes transcripts escaped: a code host renders no HTML from them, and hidden characters show', async () => {
    const guide = GuideSchema.parse(JSON.parse(await readFile(join(import.meta.dirname, '../../test/fixtures/guide-restaurant.json'), 'utf8')));
    const excerpt = guide.principles[0]!.provenance[0]!.excerpts[0]!;
    excerpt.lines[0]!.text = 'Book it <img src=x onerror=alert(1)> <script>x()</script>\u0000';
    excerpt.conversationId = 'c<b>1</b>';
    const markdown = await renderGuideMarkdown(guide, 'guides/restaurant.json');
    expect(markdown).toContain('Book it &lt;img src=x onerror=alert(1)&gt; &lt;script&gt;x()&lt;/script&gt;\\x00');
    expect(markdown).toContain('c&lt;b&gt;1&lt;/b&gt;');
    expect(markdown).not.toMatch(/<img|<script|<b>/);
  });
});
