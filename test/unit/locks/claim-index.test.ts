/** The claim index: same answers as scanning every claim, without scanning every claim. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClaimIndex, type IndexedEntry } from '../../../src/core/locks/claim-index';
import { compileTarget, type CompiledTarget } from '../../../src/core/locks/claim-target';
import type { ClaimTarget } from '../../../src/core/locks/lock-types';
import { targetsOverlap } from '../../../src/core/locks/target-overlap';

interface Entry extends IndexedEntry {
  name: string;
}
const entry = (target: ClaimTarget, name = target.pattern): Entry => ({ name, compiled: compileTarget(target, false) });

describe('ClaimIndex', () => {
  it('finds files, directories and globs covering a path', () => {
    const index = new ClaimIndex<Entry>();
    const all = [
      entry({ kind: 'file', pattern: 'src/a.ts' }),
      entry({ kind: 'directory', pattern: 'src' }),
      entry({ kind: 'directory', pattern: '.' }),
      entry({ kind: 'glob', pattern: 'src/**/*.ts' }),
      entry({ kind: 'glob', pattern: '**/*.md' }),
      entry({ kind: 'file', pattern: 'src/b.ts' }),
    ];
    all.forEach((e) => index.add(e));
    expect(index.matching('src/a.ts').map((e) => e.name).sort()).toEqual(['.', 'src', 'src/**/*.ts', 'src/a.ts'].sort());
    expect(index.matching('README.md').map((e) => e.name).sort()).toEqual(['**/*.md', '.']);
    expect(index.remove(all[1]!)).toBe(true);
    expect(index.remove(all[1]!)).toBe(false);
    expect(index.matching('src/a.ts').map((e) => e.name).sort()).toEqual(['.', 'src/**/*.ts', 'src/a.ts'].sort());
  });

  it('tests only the globs filed on the path it walks', () => {
    const index = new ClaimIndex<Entry>();
    const calls = new Map<string, number>();
    for (let i = 0; i < 2_000; i++) {
      const compiled = compileTarget({ kind: 'glob', pattern: `pkg${i}/**/*.ts` }, false);
      const counted: CompiledTarget = {
        ...compiled,
        matches: (path) => {
          calls.set(compiled.target.pattern, (calls.get(compiled.target.pattern) ?? 0) + 1);
          return compiled.matches(path);
        },
      };
      index.add({ name: compiled.target.pattern, compiled: counted });
    }
    expect(index.matching('pkg7/src/x.ts').map((e) => e.name)).toEqual(['pkg7/**/*.ts']);
    expect([...calls.keys()]).toEqual(['pkg7/**/*.ts']);
  });

  it('prunes emptied branches', () => {
    const index = new ClaimIndex<Entry>();
    const e = entry({ kind: 'file', pattern: 'a/b/c/d.ts' });
    index.add(e);
    index.remove(e);
    expect(index.candidates(compileTarget({ kind: 'directory', pattern: '.' }, false))).toEqual([]);
  });

  const TARGETS: ClaimTarget[] = [
    { kind: 'file', pattern: 'a/x.ts' },
    { kind: 'file', pattern: 'a' },
    { kind: 'file', pattern: 'b/c/x.ts' },
    { kind: 'directory', pattern: 'a' },
    { kind: 'directory', pattern: 'b/c' },
    { kind: 'directory', pattern: '.' },
    { kind: 'glob', pattern: 'a/*' },
    { kind: 'glob', pattern: '**/x.ts' },
    { kind: 'glob', pattern: 'b/**' },
    { kind: 'glob', pattern: '{a,b}/c/*' },
    { kind: 'glob', pattern: 'b/c/*.md' },
  ];
  const PATHS = ['a', 'a/x.ts', 'a/c', 'b', 'b/c', 'b/c/x.ts', 'b/c/y.md', 'x.ts', 'a/c/x.ts'];

  it('agrees with a linear scan, for lookups and for overlap candidates', () => {
    fc.assert(
      fc.property(fc.subarray(TARGETS.map((_, i) => i)), fc.nat(TARGETS.length - 1), (chosen, probe) => {
        const index = new ClaimIndex<Entry>();
        const entries = chosen.map((i) => entry(TARGETS[i]!, String(i)));
        entries.forEach((e) => index.add(e));
        for (const path of PATHS) {
          const expected = entries.filter((e) => e.compiled.matches(path)).map((e) => e.name).sort();
          expect(index.matching(path).map((e) => e.name).sort(), path).toEqual(expected);
        }
        const target = compileTarget(TARGETS[probe]!, false);
        const overlapping = entries.filter((e) => targetsOverlap(target, e.compiled).overlap).map((e) => e.name);
        const candidates = new Set(index.candidates(target).map((e) => e.name));
        for (const name of overlapping) expect(candidates.has(name), `${TARGETS[probe]!.pattern} misses ${name}`).toBe(true);
      }),
    );
  });
});
