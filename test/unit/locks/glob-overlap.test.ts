/**
 * Glob-against-glob overlap: exact answers for literal paths and simple globs, "may overlap"
 * where it cannot be sure, and never a "no" when picomatch finds a path both globs match.
 */
import fc from 'fast-check';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { commonChar, globsOverlap } from '../../../src/core/locks/glob-overlap';

const both = (a: string, b: string, path: string, nocase = false) =>
  picomatch(a, { dot: true, windows: false, nocase })(path) && picomatch(b, { dot: true, windows: false, nocase })(path);

describe('globsOverlap: exact cases', () => {
  const overlapping: Array<[string, string]> = [
    ['src/a.ts', 'src/a.ts'],
    ['src/**/*.ts', 'src/a/*'],
    ['src/*.ts', 'src/a.*'],
    ['**', 'deep/down/file'],
    ['src/**', 'src'],
    ['**/.env', 'config/**'],
    ['src/?.ts', 'src/[abc].ts'],
    ['{src,lib}/index.ts', 'lib/*.ts'],
    ['a/**/b/**/c', 'a/b/c'],
    ['src/[^x]*.ts', 'src/y*.ts'],
    ['*.test.ts', 'unit.*'],
  ];
  for (const [a, b] of overlapping) {
    it(`${a} and ${b} overlap, with a witness both match`, () => {
      const verdict = globsOverlap(a, b);
      expect(verdict).toMatchObject({ overlap: true, certain: true });
      const witness = /both match (.+)$/.exec(verdict.reason)?.[1];
      expect(witness && both(a, b, witness), verdict.reason).toBe(true);
    });
  }

  const disjoint: Array<[string, string]> = [
    ['src/a.ts', 'src/b.ts'],
    ['src/*.ts', 'lib/*.ts'],
    ['*.ts', '*.md'],
    ['src/a.ts', 'src/*.js'],
    ['src/*', 'src/a/b'],
    ['src/?', 'src/ab'],
    ['src/[ab].ts', 'src/c.ts'],
    ['{a,b}/x', 'c/*'],
    ['**/*.ts', '**/*.tsx'],
    ['src/[^a].ts', 'src/a.ts'],
    ['a/**/z', 'b/**'],
  ];
  for (const [a, b] of disjoint) {
    it(`${a} and ${b} do not overlap`, () => {
      expect(globsOverlap(a, b)).toMatchObject({ overlap: false, certain: true });
      expect(globsOverlap(b, a)).toMatchObject({ overlap: false, certain: true });
    });
  }

  it('folds case when asked to', () => {
    expect(globsOverlap('SRC/*.TS', 'src/a.ts').overlap).toBe(false);
    expect(globsOverlap('SRC/*.TS', 'src/a.ts', { caseInsensitive: true })).toMatchObject({ overlap: true, certain: true });
  });
});

describe('globsOverlap: unsure cases', () => {
  it('says "may overlap" for regex groups and extglobs it does not model', () => {
    expect(globsOverlap('src/**/*.ts', 'src/(a|b)/x.md')).toEqual({
      overlap: true,
      certain: false,
      reason: 'may overlap: src/**/*.ts and src/(a|b)/x.md',
    });
    expect(globsOverlap('src/+(a)', 'src/c').certain).toBe(false);
  });

  it('knows a bracket class can match a slash (a range across it, \\W, POSIX classes)', () => {
    for (const glob of ['a[.-0]b', 'a[\\W]b', 'a[[:punct:]]b', 'a[/]b']) {
      expect(picomatch(glob, { dot: true })('a/b'), glob).toBe(true);
      expect(globsOverlap(glob, 'a/b').overlap, glob).toBe(true);
    }
  });

  it('treats a negated glob as able to match anything outside what it negates', () => {
    expect(globsOverlap('!src/**', 'lib/a.ts').overlap).toBe(true);
  });

  it('keeps a sound "no" when a widened model still rules the overlap out', () => {
    // The group is widened to src/**, which still cannot reach lib/.
    expect(globsOverlap('src/(a|b)/*.ts', 'lib/*.ts')).toMatchObject({ overlap: false, certain: true });
  });

  it('does not search very long patterns and assumes they may overlap', () => {
    expect(globsOverlap(`${'a/'.repeat(600)}x`, 'b')).toMatchObject({ overlap: true, certain: false });
  });
});

describe('commonChar', () => {
  it('finds a shared character or proves there is none', () => {
    expect(commonChar({ negated: false, ranges: [[97, 99]] }, { negated: false, ranges: [[99, 120]] })).toBe('c');
    expect(commonChar({ negated: false, ranges: [[97, 97]] }, { negated: true, ranges: [[97, 97]] })).toBeNull();
    expect(commonChar({ negated: true, ranges: [] }, { negated: false, ranges: [[47, 47]] })).toBeNull(); // never a slash
  });
});

describe('globsOverlap: properties', () => {
  // Pieces that exercise picomatch's corners: classes that also match their own text, braces
  // spanning segments, regex groups, extglobs, negation, escapes, ranges.
  const PIECES = [
    'a', 'b', '.', '*', '?', '**', '/', '/', '**/', './', 'x', '1', '$', '^', '@', '+', '|', '!',
    '[ab]', '[!a]', '[^a]', '[a-c]', '[a-]', '[]a]', '[a', '[/]', '[a/b]', '[.-0]', '[b-a]', '[\\]]', '[[:alpha:]]', '\\[a]',
    '{a,b}', '{a,b/c}', '{a}', '{,a}', '{a,,b}', '{a..c}', '{-1..2}', '{1..3}', '{a{b,c}}', '\\{',
    '(a|b)', '+(a)', '@(a)', '!(a)', '?(a)', '*(a|b)', '\\*', 'a\\/b',
  ];
  const SEGMENTS = ['a', 'b', 'c', 'x', 'ab', 'ba', '.a', 'a.b', '*', '[ab]', '(a)', 'a|b', '{a,b}', '!', '1', '2', '[a', 'aa', 'b.a', 'x1', '[!a]', '[^a]'];
  const PATHS: string[] = [];
  for (const s1 of SEGMENTS) {
    PATHS.push(s1);
    for (const s2 of SEGMENTS) {
      PATHS.push(`${s1}/${s2}`);
      for (const s3 of ['a', 'b', 'c', 'x']) PATHS.push(`${s1}/${s2}/${s3}`);
    }
  }
  const globArb = fc
    .array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 6 })
    .map((parts) => parts.join('').replace(/^\/+|\/+$/g, '') || 'a');

  it('is sound: when some path matches both globs, it reports an overlap', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(globArb, globArb, fc.boolean(), (a, b, nocase) => {
        const ma = picomatch(a, { dot: true, windows: false, nocase });
        const mb = picomatch(b, { dot: true, windows: false, nocase });
        const shared = PATHS.find((p) => ma(p) && mb(p));
        if (shared !== undefined) expect(globsOverlap(a, b, { caseInsensitive: nocase }).overlap, `${a} / ${b} share ${shared}`).toBe(true);
      }),
      { numRuns: 3_000 },
    );
  });

  it('is honest: a certain overlap names a path both globs really match', () => {
    fc.assert(
      fc.property(globArb, globArb, (a, b) => {
        const verdict = globsOverlap(a, b);
        if (!verdict.overlap || !verdict.certain) return;
        const witness = /both match (.+)$/.exec(verdict.reason)?.[1];
        expect(witness !== undefined && both(a, b, witness), verdict.reason).toBe(true);
      }),
      { numRuns: 1_500 },
    );
  });

  it('is exact on literal paths: overlap exactly when they are equal', () => {
    const segment = fc.constantFrom('a', 'b', 'c.ts', '.env');
    const pathArb = fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join('/'));
    fc.assert(
      fc.property(pathArb, pathArb, (a, b) => {
        expect(globsOverlap(a, b)).toMatchObject({ overlap: a === b, certain: true });
      }),
    );
  });
});
