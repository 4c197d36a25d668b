/** Text shaping for drafted messages: sentences, cuts at words, wrapping; lengths in code points. */
import { describe, expect, it } from 'vitest';
import { clipAtWord, firstSentence, uncapitalise, wrapText } from '../../../src/core/commit/message-text';

describe('message text', () => {
  it('finds the first sentence of the first line that says something', () => {
    expect(firstSentence('\n  - Please   add a retry.  Then test it')).toBe('add a retry');
    expect(firstSentence('Bump v1.2 to v1.3 in package.json')).toBe('Bump v1.2 to v1.3 in package.json');
    expect(firstSentence('Compare this vs. that. Then stop')).toBe('Compare this vs. that');
  });

  it('cuts at the last space that keeps half the text, else inside the word', () => {
    expect(clipAtWord('alpha beta gamma', 12)).toBe('alpha beta');
    expect(clipAtWord('alpha, beta gamma', 8)).toBe('alpha');
    expect(clipAtWord('a verylongwordthatgoeson', 10)).toBe('a verylong');
    expect(clipAtWord('short', 10)).toBe('short');
  });

  it('wraps words into lines of at most the width, a longer word alone on its line', () => {
    expect(wrapText('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrapText('a supercalifragilistic b', 5)).toEqual(['a', 'supercalifragilistic', 'b']);
    expect(wrapText('ünï cödé wörds', 8)).toEqual(['ünï cödé', 'wörds']);
  });

  it('lower-cases a first letter but not an acronym', () => {
    expect(uncapitalise('Add a flag')).toBe('add a flag');
    expect(uncapitalise('README tidy-up')).toBe('README tidy-up');
  });
});
