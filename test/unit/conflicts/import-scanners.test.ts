/** What the import scanners read from source text: runtime imports only, never comments or strings. */
import { describe, expect, it } from 'vitest';
import { javaScriptCandidates, javaScriptSpecifiers } from '../../../src/core/conflicts/js-imports';
import { pythonCandidates, pythonImports } from '../../../src/core/conflicts/python-imports';
import { maskJavaScript, maskPython } from '../../../src/core/conflicts/source-mask';

describe('maskJavaScript', () => {
  it('blanks comments, strings, templates and regexes but keeps offsets and quotes', () => {
    const src = "a = 'x/*y'; // c\nb = `t ${c('q')} u` / 2; r = /'[/]/g;";
    const masked = maskJavaScript(src);
    expect(masked).toHaveLength(src.length);
    expect(masked).toBe("a = '    ';     \nb = `  ${c(' ')}  ` / 2; r = /      ;");
  });
});

describe('javaScriptSpecifiers', () => {
  it('finds import, export-from, require and dynamic import, and skips type-only imports', () => {
    const src = [
      "import a from './a';",
      "import type { T } from './types';",
      "import { type U, type V } from './only-types';",
      "import { type W, x } from './mixed';",
      'export * from "./b";',
      "export { c } from './c'",
      "import './side-effect';",
      "const d = await import('./dynamic');",
      "const e = require('../up');",
      "import pkg from 'some-package';",
    ].join('\n');
    expect(javaScriptSpecifiers(src)).toEqual(['./a', './mixed', './b', './c', './side-effect', './dynamic', '../up', 'some-package']);
  });

  it('ignores imports inside comments, strings, templates and regex literals', () => {
    const src = [
      "// import a from './comment-line';",
      "/* import b from './comment-block'; */",
      "const s = \"import c from './in-string'\";",
      "const t = `import d from './in-template'`;",
      "const r = /import e from '.\\/in-regex'/;",
      'const ratio = total / count; import f from "./after-division";',
    ].join('\n');
    expect(javaScriptSpecifiers(src)).toEqual(['./after-division']);
  });
});

describe('javaScriptCandidates', () => {
  it('tries source extensions and index files, and maps compiled .js names back to .ts', () => {
    expect(javaScriptCandidates('src/a.ts', './b').slice(0, 2)).toEqual(['src/b.ts', 'src/b.tsx']);
    expect(javaScriptCandidates('src/a.ts', './b')).toContain('src/b/index.ts');
    expect(javaScriptCandidates('src/x/a.ts', '../b.js')).toEqual(['src/b.ts', 'src/b.tsx', 'src/b.js']);
  });

  it('names nothing for packages or for paths leading out of the repository', () => {
    expect(javaScriptCandidates('src/a.ts', 'react')).toEqual([]);
    expect(javaScriptCandidates('a.ts', '../outside')).toEqual([]);
  });
});

describe('pythonImports', () => {
  it('reads plain, from, relative and parenthesised imports, skipping strings and comments', () => {
    const src = [
      '"""import fake_in_docstring"""',
      'import os, app.models as models',
      'from . import user, base',
      'from .order import (',
      '    Order,',
      '    OrderLine as Line,',
      ')',
      'from ..core.db import Session  # import not_this',
      'from Schemas import *; import json',
      "x = 'from nowhere import thing'",
    ].join('\n');
    expect(pythonImports(src)).toEqual([
      { level: 0, module: 'os', names: null },
      { level: 0, module: 'app.models', names: null },
      { level: 1, module: null, names: ['user', 'base'] },
      { level: 1, module: 'order', names: ['Order', 'OrderLine'] },
      { level: 2, module: 'core.db', names: ['Session'] },
      { level: 0, module: 'Schemas', names: [] },
      { level: 0, module: 'json', names: null },
    ]);
  });

  it('leaves out imports that do not run at load time: in functions and under TYPE_CHECKING', () => {
    const src = [
      'def lazy():',
      '    from a import b',
      '    return b',
      'async def later():',
      '    import c',
      'if TYPE_CHECKING:',
      '    import d',
      'else:',
      '    import e',
      'class K:',
      '    import f',
    ].join('\n');
    expect(pythonImports(src).map((i) => i.module)).toEqual(['e', 'f']);
  });

  it('blanks triple-quoted strings across lines', () => {
    expect(maskPython("s = '''a\nimport b'''\nimport c")).toBe("s = ''' \n        '''\nimport c");
  });
});

describe('pythonCandidates', () => {
  it('resolves a name as a submodule first, then as something the package defines', () => {
    expect(pythonCandidates('app/Schemas/__init__.py', { level: 1, module: null, names: ['user'] })).toEqual([
      ['app/Schemas/user.py', 'app/Schemas/user/__init__.py', 'app/Schemas/__init__.py'],
    ]);
  });

  it('looks for absolute imports under the repository root first, then nearer the importer', () => {
    const [candidates] = pythonCandidates('app/Schemas/user.py', { level: 0, module: 'Schemas', names: null });
    expect(candidates).toEqual([
      'Schemas.py',
      'Schemas/__init__.py',
      'app/Schemas.py',
      'app/Schemas/__init__.py',
      'app/Schemas/Schemas.py',
      'app/Schemas/Schemas/__init__.py',
    ]);
  });

  it('names nothing for a relative import above the repository root', () => {
    expect(pythonCandidates('a.py', { level: 2, module: 'x', names: ['y'] })).toEqual([]);
  });
});
