/** Claim targets: how the CLI spells them, what is valid, and what each kind covers. */
import { describe, expect, it } from 'vitest';
import { compileTarget, describeTarget, parseClaimTarget, repoPathSegments, validateTarget } from '../../../src/core/locks/claim-target';

describe('parseClaimTarget', () => {
  it('reads a trailing slash as a directory, glob syntax as a glob, anything else as a file', () => {
    expect(parseClaimTarget('src/')).toEqual({ kind: 'directory', pattern: 'src' });
    expect(parseClaimTarget('./')).toEqual({ kind: 'directory', pattern: '.' });
    expect(parseClaimTarget('src/**/*.ts')).toEqual({ kind: 'glob', pattern: 'src/**/*.ts' });
    expect(parseClaimTarget('src/{a,b}.ts')).toEqual({ kind: 'glob', pattern: 'src/{a,b}.ts' });
    expect(parseClaimTarget('src/a.ts')).toEqual({ kind: 'file', pattern: 'src/a.ts' });
  });
});

describe('validateTarget', () => {
  it('accepts normalised repo-relative patterns and the whole repository', () => {
    expect(() => validateTarget({ kind: 'file', pattern: 'src/a.ts' })).not.toThrow();
    expect(() => validateTarget({ kind: 'directory', pattern: '.' })).not.toThrow();
    expect(() => validateTarget({ kind: 'glob', pattern: '**/.env' })).not.toThrow();
  });

  it('refuses what is not inside the repository or not normalised, saying why', () => {
    expect(() => validateTarget({ kind: 'file', pattern: '/etc/passwd' })).toThrow(/absolute/);
    expect(() => validateTarget({ kind: 'file', pattern: 'a/../../b' })).toThrow(/"\.\."/);
    expect(() => validateTarget({ kind: 'glob', pattern: '**/../x' })).toThrow(/"\.\."/);
    expect(() => validateTarget({ kind: 'file', pattern: '.' })).toThrow(/normalised/);
    expect(() => validateTarget({ kind: 'file', pattern: 'a/' })).toThrow(/normalised/);
    expect(() => validateTarget({ kind: 'file', pattern: 'x'.repeat(5000) })).toThrow(/longer than/);
    expect(() => repoPathSegments('a\0b')).toThrow(/NUL/);
  });
});

describe('compileTarget', () => {
  it('matches one path for a file, a subtree for a directory, picomatch for a glob (dotfiles too)', () => {
    const f = compileTarget({ kind: 'file', pattern: 'src/a.ts' }, false);
    expect([f.matches('src/a.ts'), f.matches('src/a.tsx'), f.matches('src/a.ts/x')]).toEqual([true, false, false]);
    const d = compileTarget({ kind: 'directory', pattern: 'src' }, false);
    expect([d.matches('src'), d.matches('src/x/y'), d.matches('srcx')]).toEqual([true, true, false]);
    const g = compileTarget({ kind: 'glob', pattern: 'src/**' }, false);
    expect([g.matches('src/.env'), g.matches('lib/a')]).toEqual([true, false]);
    expect(compileTarget({ kind: 'directory', pattern: '.' }, false).matches('any/thing')).toBe(true);
  });

  it('files a glob under its literal prefix, case-folded when asked', () => {
    expect(compileTarget({ kind: 'glob', pattern: 'Src/Core/**' }, true).indexSegments).toEqual(['src', 'core']);
    expect(compileTarget({ kind: 'glob', pattern: 'Src/Core/**' }, false).indexSegments).toEqual(['Src', 'Core']);
    expect(compileTarget({ kind: 'file', pattern: 'A.ts' }, true).key).toBe(compileTarget({ kind: 'file', pattern: 'a.TS' }, true).key);
  });

  it('describes targets the way reasons show them', () => {
    expect(describeTarget({ kind: 'directory', pattern: 'src' })).toBe('src/');
    expect(describeTarget({ kind: 'directory', pattern: '.' })).toBe('./');
    expect(describeTarget({ kind: 'glob', pattern: '*.ts' })).toBe('*.ts');
  });
});
