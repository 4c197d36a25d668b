/** Brace expansion as picomatch reads braces. */
import { describe, expect, it } from 'vitest';
import { classEnd, expandBraces, MAX_BRACE_ALTERNATIVES } from '../../../src/core/locks/brace-expansion';

const patterns = (input: string) => expandBraces(input)?.map((e) => e.pattern).sort();

describe('expandBraces', () => {
  it('expands comma lists, nested and side by side', () => {
    expect(patterns('src/{a,b}.ts')).toEqual(['src/a.ts', 'src/b.ts']);
    expect(patterns('{a,b{c,d}}')).toEqual(['a', 'bc', 'bd']);
    expect(patterns('{a,b}{1,2}')).toEqual(['a1', 'a2', 'b1', 'b2']);
    expect(patterns('{src/a,lib}/x')).toEqual(['lib/x', 'src/a/x']);
    expect(patterns('{,a}b')).toEqual(['ab', 'b']);
  });

  it('keeps single-element and unclosed braces literal, and leaves braces inside classes alone', () => {
    expect(patterns('{a}')).toEqual(['\\{a\\}']);
    expect(patterns('x{a,b')).toEqual(['x\\{a,b']);
    expect(patterns('[{]a,b}')).toEqual(['[{]a,b}']);
    expect(patterns('\\{a,b}')).toEqual(['\\{a,b}']);
  });

  it('widens ranges and repeated groups to `*` and says so', () => {
    expect(expandBraces('a{1..3}')).toEqual([{ pattern: 'a*', approximate: true }]);
    expect(expandBraces('{a,b}+')).toEqual([
      { pattern: 'b*', approximate: true },
      { pattern: 'a*', approximate: true },
    ]);
    expect(expandBraces('{a,b}')!.every((e) => !e.approximate)).toBe(true);
  });

  it('gives up (null) on too many alternatives and on a globstar glued to a brace', () => {
    expect(expandBraces('{a,b}'.repeat(9))).toBeNull();
    expect(2 ** 9).toBeGreaterThan(MAX_BRACE_ALTERNATIVES);
    expect(expandBraces('**{a,b}')).toBeNull();
    expect(expandBraces('x/**{a,b}')).toBeNull();
    expect(expandBraces('x**{a,b}')).not.toBeNull();
  });
});

describe('classEnd', () => {
  it('finds the closing bracket, treating a leading `]` and POSIX classes as members', () => {
    expect(classEnd('[ab]x', 0)).toBe(4);
    expect(classEnd('[]a]', 0)).toBe(4);
    expect(classEnd('[^]a]', 0)).toBe(5);
    expect(classEnd('[[:alpha:]]x', 0)).toBe(11);
    expect(classEnd('[abc', 0)).toBe(-1);
  });
});
