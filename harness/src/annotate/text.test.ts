import { describe, expect, it } from 'vitest';
import { matchesOf } from './text.js';

// matchesOf stands in for [...text.matchAll(pattern)] in the tagger: it must give the same matches in every case.
describe('matchesOf gives what matchAll gives', () => {
  const cases: Array<[RegExp, string]> = [
    [/\b(\d{1,3}|one|two)\b/gi, 'One ticket, 2 adults and 300 dollars; two more.'],
    [/(?<word>[a-z]+)/g, 'named groups too'],
    [/x*/g, 'axxb'],
    [/(?:)/gu, 'a😀b'],
    [/\p{Emoji_Presentation}?/gu, '😀😀'],
    [/z/g, 'no match here'],
  ];
  it.each(cases)('%s', (pattern, text) => {
    const mine = matchesOf(pattern, text);
    const theirs = [...text.matchAll(pattern)];
    expect(mine.map((m) => [[...m], m.index, m.groups])).toEqual(theirs.map((m) => [[...m], m.index, m.groups]));
  });

  it('starts at the pattern lastIndex and leaves it there, as matchAll does', () => {
    const pattern = /\d/g;
    pattern.lastIndex = 3;
    expect(matchesOf(pattern, '1 2 3 4').map((m) => m.index)).toEqual([...'1 2 3 4'.matchAll(pattern)].map((m) => m.index));
    expect(pattern.lastIndex).toBe(3);
  });

  it('refuses a pattern that is not global, as matchAll does', () => {
    expect(() => matchesOf(/a/, 'a')).toThrow(TypeError);
  });
});
