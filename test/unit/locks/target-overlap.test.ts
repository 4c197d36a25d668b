/** Overlap between claim targets of every kind. */
import { describe, expect, it } from 'vitest';
import { compileTarget } from '../../../src/core/locks/claim-target';
import type { ClaimTarget } from '../../../src/core/locks/lock-types';
import { targetsOverlap } from '../../../src/core/locks/target-overlap';

const t = (spec: string): ClaimTarget => {
  const [kind, pattern] = spec.split(':') as [ClaimTarget['kind'], string];
  return { kind, pattern };
};
const overlap = (a: string, b: string, caseInsensitive = false) =>
  targetsOverlap(compileTarget(t(a), caseInsensitive), compileTarget(t(b), caseInsensitive));

describe('targetsOverlap', () => {
  const cases: Array<[string, string, boolean]> = [
    ['file:src/a.ts', 'file:src/a.ts', true],
    ['file:src/a.ts', 'file:src/b.ts', false],
    ['file:src/a.ts', 'directory:src', true],
    ['file:srcx/a.ts', 'directory:src', false],
    ['directory:src', 'directory:src/core', true],
    ['directory:src/a', 'directory:src/b', false],
    ['directory:.', 'file:anything', true],
    ['file:src/a.ts', 'glob:src/*.ts', true],
    ['file:src/a.md', 'glob:src/*.ts', false],
    ['directory:src', 'glob:**/*.ts', true],
    ['directory:lib', 'glob:src/**', false],
    ['glob:src/**/*.ts', 'glob:src/a/*', true],
    ['glob:src/*.ts', 'glob:lib/*.ts', false],
  ];
  for (const [a, b, expected] of cases) {
    it(`${a} ${expected ? 'overlaps' : 'does not overlap'} ${b}, both ways, certainly`, () => {
      expect(overlap(a, b)).toMatchObject({ overlap: expected, certain: true });
      expect(overlap(b, a)).toMatchObject({ overlap: expected, certain: true });
    });
  }

  it('compares case-folded on a case-insensitive file system', () => {
    expect(overlap('file:SRC/A.ts', 'directory:src', true).overlap).toBe(true);
    expect(overlap('file:SRC/A.ts', 'directory:src', false).overlap).toBe(false);
  });
});
