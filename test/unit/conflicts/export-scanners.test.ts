/** The regex-level export and import-name scanners behind broken-import detection. */
import { describe, expect, it } from 'vitest';
import { javaScriptExports, javaScriptNamedImports } from '../../../src/core/conflicts/js-exports';
import { pythonExports } from '../../../src/core/conflicts/python-exports';

const sorted = (names: Set<string>): string[] => [...names].sort();

describe('javaScriptExports', () => {
  it('lists declarations, lists, defaults, namespaces and CommonJS names', () => {
    const src = [
      'export function total() {}',
      'export async function* stream() {}',
      'export abstract class Shape {}',
      'export const TAX = 1, other = f(a, b), { notMine } = {},',
      '  third = [1, 2];',
      'export let count = 0;',
      'export type Id = string;',
      'export interface Cart {}',
      'export const enum Mode { A }',
      'export declare namespace NS {}',
      'const a = 1, b = 2;',
      'export { a, b as bee };',
      "export { c as default } from './c';",
      "export * as helpers from './helpers';",
      'exports.legacy = 1;',
      '// export function commented() {}',
      "const text = 'export function inString() {}';",
    ].join('\n');
    const exported = javaScriptExports(src);
    expect(exported.open).toBe(false);
    expect(sorted(exported.names)).toEqual(
      ['Cart', 'Id', 'Mode', 'NS', 'Shape', 'TAX', 'other', 'third', 'a', 'bee', 'count', 'default', 'helpers', 'legacy', 'stream', 'total'].sort(),
    );
  });

  it('is open when the names cannot be listed: export *, module.exports =, destructuring', () => {
    expect(javaScriptExports("export * from './all';").open).toBe(true);
    expect(javaScriptExports('module.exports = { a };').open).toBe(true);
    expect(javaScriptExports('export const { a, b } = obj;').open).toBe(true);
    expect(javaScriptExports('export default 42;')).toEqual({ names: new Set(['default']), open: false });
  });
});

describe('javaScriptNamedImports', () => {
  it('reads the names each import and re-export asks for', () => {
    const src = [
      "import D, { a, b as c, type T } from './one';",
      "import type { U } from './types';",
      "import * as ns from './ns';",
      "import { default as d } from './two';",
      "export { e, f as g } from './three';",
      "export * from './four';",
      "import 'side-effect';",
    ].join('\n');
    expect(javaScriptNamedImports(src)).toEqual([
      { specifier: './one', names: ['default', 'a', 'b', 'T'] },
      { specifier: './types', names: ['U'] },
      { specifier: './ns', names: [] },
      { specifier: './two', names: ['default'] },
      { specifier: './three', names: ['e', 'f'] },
      { specifier: './four', names: [] },
    ]);
  });
});

describe('pythonExports', () => {
  it('lists module-level defs, classes, assignments, imports and __all__, not what is inside a function or class', () => {
    const src = [
      'import os, json as j',
      'import a.b',
      'from .m import x, y as why',
      '__all__ = ["total", "Dynamic"]',
      'TAX: float = 0.2',
      'counter: int',
      'first, second = 1, 2',
      'def total(items):',
      '    inner = 1',
      '    return inner',
      'async def fetch(): pass',
      '@decorator',
      'class Cart:',
      '    size = 3',
      'if True:',
      '    maybe = 1',
      'try:',
      '    import fast as speedy',
      'except ImportError:',
      '    speedy = None',
      'for loop_var in range(3): pass',
      'with open("f") as handle: pass',
      'x == 3',
      '# hidden = 1',
      's = "not_a_name = 2"',
    ].join('\n');
    const exported = pythonExports(src);
    expect(exported.open).toBe(false);
    expect(sorted(exported.names)).toEqual(
      ['Cart', 'Dynamic', 'TAX', 'a', 'counter', 'fetch', 'first', 'handle', 'j', 'loop_var', 'maybe', 'os', 's', 'second', 'speedy', 'total', 'why', 'x'].sort(),
    );
  });

  it('is open with a star import or a module-level __getattr__', () => {
    expect(pythonExports('from .all import *\n').open).toBe(true);
    expect(pythonExports('def __getattr__(name):\n    return 1\n').open).toBe(true);
    expect(pythonExports('class A:\n    def __getattr__(self, name):\n        return 1\n').open).toBe(false);
  });
});
