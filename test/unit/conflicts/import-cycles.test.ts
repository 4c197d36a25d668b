/**
 * findImportCycles against real git repositories: cycles the working tree introduced are
 * reported, cycles already at HEAD are not.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { findImportCycles } from '../../../src/core/conflicts/import-cycles';
import { makeTempRepo, type TempRepo } from '../../harness/temp-repo';

const repos: TempRepo[] = [];
function repo(files: Record<string, string>, options: { commit?: boolean } = {}): TempRepo {
  const made = makeTempRepo({ initialCommit: options.commit ?? true });
  repos.push(made);
  for (const [file, text] of Object.entries(files)) made.write(file, text);
  if (options.commit ?? true) {
    made.git('add', '-A');
    made.git('commit', '-q', '-m', 'before the agents');
  }
  return made;
}
afterEach(() => {
  for (const made of repos.splice(0)) made.remove();
});

describe('findImportCycles: TypeScript', () => {
  it('reports a cycle an agent introduced, starting at the import it added', async () => {
    const r = repo({ 'src/a.ts': "import { b } from './b';\nexport const a = b;\n", 'src/b.ts': 'export const b = 1;\n' });
    r.write('src/b.ts', "import { a } from './a.js';\nexport const b = () => a;\n");
    const cycles = await findImportCycles(r.dir, [{ path: 'src/b.ts', agentId: 'bob' }]);
    expect(cycles).toEqual([{ paths: ['src/b.ts', 'src/a.ts'], agents: ['bob'] }]);
  });

  it('does not report a cycle that already existed at HEAD, even when an agent edits one of its files', async () => {
    const r = repo({
      'src/c.ts': "import { d } from './d';\nexport const c = 1;\n",
      'src/d.ts': "import { c } from './c';\nexport const d = 2;\n",
    });
    r.write('src/c.ts', "import { d } from './d';\nexport const c = 1; // edited\n");
    expect(await findImportCycles(r.dir, [{ path: 'src/c.ts', agentId: 'ada' }])).toEqual([]);
  });

  it('reports an old cycle an agent grew by a module, through the new import', async () => {
    const r = repo({
      'src/c.ts': "import { d } from './d';\nexport const c = 1;\n",
      'src/d.ts': "import { c } from './c';\nexport const d = 2;\n",
    });
    r.write('src/e.ts', "import { c } from './c';\nexport const e = 3;\n");
    r.write('src/d.ts', "import { c } from './c';\nimport { e } from './e';\nexport const d = 2;\n");
    const cycles = await findImportCycles(r.dir, [
      { path: 'src/e.ts', agentId: 'ada' },
      { path: 'src/d.ts', agentId: 'ada' },
    ]);
    expect(cycles).toEqual([{ paths: ['src/d.ts', 'src/e.ts', 'src/c.ts'], agents: ['ada'] }]);
  });

  it('follows index files, and ignores type-only imports and imports in comments', async () => {
    const r = repo({ 'lib/index.ts': "export { util } from './util';\n", 'lib/util.ts': 'export const util = 1;\n', 'lib/types.ts': 'export type T = 1;\n' });
    r.write('lib/util.ts', "import type { T } from './types';\n// import { x } from '.';\nexport const util = 1;\n");
    r.write('lib/types.ts', "import type { util } from './index';\nexport type T = typeof util;\n");
    expect(await findImportCycles(r.dir, [{ path: 'lib/util.ts', agentId: 'a' }, { path: 'lib/types.ts', agentId: 'a' }])).toEqual([]);
    r.write('lib/util.ts', "import { helper } from '.';\nexport const util = helper;\n");
    expect(await findImportCycles(r.dir, [{ path: 'lib/util.ts', agentId: 'a' }])).toEqual([
      { paths: ['lib/util.ts', 'lib/index.ts'], agents: ['a'] },
    ]);
  });

  it('treats a repository without commits as having had no cycles', async () => {
    const r = repo({ 'x.js': "require('./y');\n", 'y.js': "module.exports = require('./x');\n" }, { commit: false });
    const cycles = await findImportCycles(r.dir, [{ path: 'x.js', agentId: null }]);
    expect(cycles).toEqual([{ paths: ['x.js', 'y.js'], agents: [null] }]);
  });

  it('stops at maxFiles, leaving a cycle beyond the bound unseen', async () => {
    const r = repo({ 'a.ts': 'export const a = 1;\n', 'b.ts': "import './c';\n", 'c.ts': "import './a';\n" });
    r.write('a.ts', "import './b';\n");
    expect(await findImportCycles(r.dir, [{ path: 'a.ts', agentId: 'a' }], { maxFiles: 2 })).toEqual([]);
    expect(await findImportCycles(r.dir, [{ path: 'a.ts', agentId: 'a' }])).toHaveLength(1);
  });
});

describe('findImportCycles: Python', () => {
  const schemas = {
    'app/Schemas/__init__.py': 'from .base import Base\nfrom .user import User\n',
    'app/Schemas/base.py': 'class Base:\n    pass\n',
    'app/Schemas/user.py': 'from .base import Base\n\nclass User(Base):\n    pass\n',
  };

  it('reports the circular import into Schemas/__init__.py that an agent introduced', async () => {
    const r = repo(schemas);
    r.write('app/Schemas/user.py', 'from app.Schemas import Base\n\nclass User(Base):\n    pass\n');
    const cycles = await findImportCycles(r.dir, [{ path: 'app/Schemas/user.py', agentId: 'cy' }]);
    expect(cycles).toEqual([{ paths: ['app/Schemas/user.py', 'app/Schemas/__init__.py'], agents: ['cy'] }]);
  });

  it('resolves `from Schemas import …` from a package root below the repository root', async () => {
    const r = repo(schemas);
    r.write('app/Schemas/user.py', 'from Schemas import Base\n\nclass User(Base):\n    pass\n');
    expect(await findImportCycles(r.dir, [{ path: 'app/Schemas/user.py', agentId: 'cy' }])).toHaveLength(1);
  });

  it('does not report an import done inside a function, which breaks a cycle on purpose', async () => {
    const r = repo(schemas);
    r.write('app/Schemas/user.py', 'def base():\n    from . import Base\n    return Base\n');
    expect(await findImportCycles(r.dir, [{ path: 'app/Schemas/user.py', agentId: 'cy' }])).toEqual([]);
  });

  it('does not report a cycle that already existed at HEAD', async () => {
    const r = repo({ 'pkg/__init__.py': '', 'pkg/a.py': 'import pkg.b\n', 'pkg/b.py': 'from pkg import a\n' });
    r.write('pkg/a.py', 'import pkg.b\n\nVALUE = 2\n');
    expect(await findImportCycles(r.dir, [{ path: 'pkg/a.py', agentId: 'x' }])).toEqual([]);
  });

  it('ignores imports written in docstrings and comments', async () => {
    const r = repo({ 'a.py': 'import b\n', 'b.py': 'X = 1\n' });
    r.write('b.py', '"""Usage:\nimport a\n"""\n# import a\nX = 1\n');
    expect(await findImportCycles(r.dir, [{ path: 'b.py', agentId: 'x' }])).toEqual([]);
  });
});
