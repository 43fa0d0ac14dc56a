import { describe, expect, it } from 'vitest';
import { unifiedDiff } from './line-diff.js';

const names = { from: 'a/prompt.md', to: 'b/prompt.md' };

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('one\ntwo\n', 'one\ntwo\n', names)).toBe('');
  });

  it('shows an inserted and a replaced line with context and correct ranges', () => {
    const before = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'].join('\n') + '\n';
    const after = ['1', '2', 'new', '3', '4', '5', '6', '7', '8', 'nine', '10'].join('\n') + '\n';
    expect(unifiedDiff(before, after, names, 1)).toBe(
      ['--- a/prompt.md', '+++ b/prompt.md', '@@ -2,2 +2,3 @@', ' 2', '+new', ' 3', '@@ -8,3 +9,3 @@', ' 8', '-9', '+nine', ' 10', ''].join('\n'),
    );
  });

  it('merges nearby changes into one hunk and handles a change on the first line', () => {
    expect(unifiedDiff('a\nb\nc\n', 'x\nb\ny\n', names)).toBe(['--- a/prompt.md', '+++ b/prompt.md', '@@ -1,3 +1,3 @@', '-a', '+x', ' b', '-c', '+y', ''].join('\n'));
  });

  it('an empty old text: the new side starts at line 1 and the old at 0', () => {
    expect(unifiedDiff('', 'a\n', names)).toBe(['--- a/prompt.md', '+++ b/prompt.md', '@@ -0,0 +1,1 @@', '+a', ''].join('\n'));
  });
});
