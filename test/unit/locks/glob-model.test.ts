/** The glob model's literal prefix is what the claim index relies on: it must prefix every match. */
import fc from 'fast-check';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { literalPrefixSegments, modelGlob, modelLiteralPath } from '../../../src/core/locks/glob-model';

describe('literalPrefixSegments', () => {
  it('is the plain-text directories before the first glob syntax', () => {
    expect(literalPrefixSegments('src/core/**/*.ts')).toEqual(['src', 'core']);
    expect(literalPrefixSegments('src/a.ts')).toEqual(['src']);
    expect(literalPrefixSegments('src/{a,b}/x')).toEqual(['src']);
    expect(literalPrefixSegments('app/[id]/page.tsx')).toEqual(['app']);
    expect(literalPrefixSegments('./src/*.ts')).toEqual(['src']);
    expect(literalPrefixSegments('**/*.ts')).toEqual([]);
  });

  it('is empty when the glob is not confined to its prefix (negation, a top-level `|`)', () => {
    expect(literalPrefixSegments('!src/**')).toEqual([]);
    expect(literalPrefixSegments('x/*a|b')).toEqual([]);
    expect(literalPrefixSegments('x/(a|b')).toEqual([]);
    expect(literalPrefixSegments('x/y/(a|b)')).toEqual(['x', 'y']);
  });

  it('prefixes every path the glob matches', () => {
    const pieces = ['a', 'b', '/', '*', '**', '?', '{a,b}', '{a,b/c}', '[ab]', '(a|b)', '|', '!', './', '\\*', '+(a)', 'a+'];
    const globArb = fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 6 }).map((p) => p.join('').replace(/^\/+|\/+$/g, '') || 'a');
    const paths: string[] = [];
    for (const x of ['a', 'b', 'c', '*', 'a|b', '(a)', 'ab']) for (const y of ['', '/a', '/b', '/b/c', '/a/a']) paths.push(x + y);
    fc.assert(
      fc.property(globArb, (glob) => {
        const prefix = literalPrefixSegments(glob);
        const matches = picomatch(glob, { dot: true, windows: false });
        for (const p of paths) {
          if (matches(p)) expect(p.split('/').slice(0, prefix.length), `${glob} matches ${p}`).toEqual(prefix);
        }
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('modelGlob', () => {
  it('marks widened alternatives as approximate and exact ones as not', () => {
    expect(modelGlob('src/*.ts').alternatives.every((a) => !a.approximate)).toBe(true);
    expect(modelGlob('src/(a|b).ts').alternatives.some((a) => a.approximate)).toBe(true);
    expect(modelGlob('!src').alternatives[0]!.segments).toEqual([{ kind: 'globstar' }]);
  });

  it('models a directory as its segments plus everything under them', () => {
    expect(modelLiteralPath(['src'], true).alternatives[0]!.segments.at(-1)).toEqual({ kind: 'globstar' });
    expect(modelLiteralPath(['src'], false).alternatives[0]!.segments).toHaveLength(1);
  });
});
