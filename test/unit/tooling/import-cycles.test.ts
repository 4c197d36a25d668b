/** `npm run lint`'s import-cycle check: it fails on a cycle (type-only imports too) and passes a tree without one. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const CHECK = path.resolve(__dirname, '../../../scripts/check-import-cycles.mjs');

function tree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-cycles-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), content);
  }
  return root;
}

// Each case starts Node and loads TypeScript: seconds on a busy 2-core machine.
describe('check-import-cycles', { timeout: 60_000 }, () => {
  const roots: string[] = [];
  afterEach(() => roots.splice(0).forEach((root) => fs.rmSync(root, { recursive: true, force: true })));
  const check = (files: Record<string, string>) => {
    const root = tree(files);
    roots.push(root);
    return spawnSync(process.execPath, [CHECK, root], { encoding: 'utf8' });
  };

  it('fails on a cycle through a type-only import and names its files', () => {
    const result = check({
      'core/router.ts': "import { handlers } from './feature/handlers';\nexport const r = handlers;\n",
      'core/feature/handlers.ts': "import type { Router } from '../router';\nexport const handlers = 1;\nexport type X = Router;\n",
      'core/unrelated.ts': "import { r } from './router';\nexport const u = r;\n",
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('import cycle 1 (2 files)');
    expect(result.stderr).toContain(`core${path.sep}router.ts → core${path.sep}feature${path.sep}handlers.ts`);
    expect(result.stderr).not.toContain('unrelated');
  });

  it('fails on a file that imports itself and on a cycle through index files and re-exports', () => {
    expect(check({ 'a.ts': "import { a } from './a';\nexport const b = a;\n" }).status).toBe(1);
    const viaIndex = check({
      'lib/index.ts': "export * from './inner';\n",
      'lib/inner.ts': "import { x } from '../user';\nexport const y = x;\n",
      'user.ts': "import { y } from './lib';\nexport const x = 1;\nexport const z = y;\n",
    });
    expect(viaIndex.status).toBe(1);
    expect(viaIndex.stderr).toContain('(3 files)');
  });

  it('passes a tree whose imports only run one way, including package imports', () => {
    const result = check({
      'a.ts': "import { b } from './b';\nimport { z } from 'zod';\nexport const a = [b, z];\n",
      'b.ts': "import { c } from './c.js';\nexport const b = c;\n",
      'c.ts': 'export const c = 1;\n',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
