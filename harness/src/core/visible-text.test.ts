import { describe, expect, it } from 'vitest';
import { markdownCode, markdownText, showControlCharacters } from './visible-text.js';

describe('text from transcripts in reports', () => {
  it('shows control and bidi characters as escapes, keeps tabs, line breaks and ordinary text', () => {
    expect(showControlCharacters('a\u0000b\u001bc\u202ed\te\nf é 東')).toBe('a\\x00b\\x1bc\\u202ed\te\nf é 東');
  });

  it('Markdown text cannot open HTML, break a table or hide characters', () => {
    expect(markdownText('<img src=x onerror=alert(1)> a|b\nc & d\u0000')).toBe('&lt;img src=x onerror=alert(1)&gt; a\\|b c &amp; d\\x00');
  });

  it('a code span is fenced longer than any run of backticks inside it', () => {
    expect(markdownCode('plain')).toBe('`plain`');
    expect(markdownCode('a`b``c')).toBe('```a`b``c```');
    expect(markdownCode('`x')).toBe('`` `x ``');
  });
});
