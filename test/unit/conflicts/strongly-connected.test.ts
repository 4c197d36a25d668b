/** Cycle finding on plain graphs: components, depth safety, and the loop shown to the user. */
import { describe, expect, it } from 'vitest';
import { cyclicComponents, shortestCycleThrough } from '../../../src/core/conflicts/strongly-connected';

const graph = (edges: Record<string, string[]>): Map<string, string[]> => new Map(Object.entries(edges));

describe('cyclicComponents', () => {
  it('finds each cycle once and leaves acyclic parts and unexpanded targets out', () => {
    const g = graph({ a: ['b'], b: ['c'], c: ['a', 'd'], d: ['e'], e: ['d', 'outside'], f: ['a'] });
    expect(cyclicComponents(g)).toEqual([['d', 'e'], ['a', 'b', 'c']]);
  });

  it('walks a chain deeper than the call stack would allow', () => {
    const n = 50_000;
    const g = new Map<string, string[]>();
    for (let i = 0; i < n; i++) g.set(`m${i}`, [`m${(i + 1) % n}`]);
    expect(cyclicComponents(g)[0]).toHaveLength(n);
  });
});

describe('shortestCycleThrough', () => {
  it('returns the shortest loop through the edge, starting at its importer', () => {
    const g = graph({ a: ['b'], b: ['c', 'x'], c: ['d'], d: ['a'], x: ['a'] });
    expect(shortestCycleThrough(g, 'a', 'b', new Set(['a', 'b', 'c', 'd', 'x']))).toEqual(['a', 'b', 'x']);
    expect(shortestCycleThrough(g, 'a', 'b', new Set(['a', 'b', 'c', 'd']))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('is null when nothing leads back', () => {
    expect(shortestCycleThrough(graph({ a: ['b'], b: [] }), 'a', 'b', new Set(['a', 'b']))).toBeNull();
  });
});
