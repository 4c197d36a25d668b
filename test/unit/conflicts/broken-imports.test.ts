/**
 * findBrokenImports against real git repositories: imports the working tree broke are reported
 * with who wrote the import and who removed what it needs; imports already broken at HEAD, and
 * third-party modules, are not.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findBrokenImports } from '../../../src/core/conflicts/broken-imports';
import { makeTempRepo, type TempRepo } from '../../harness/temp-repo';

const repos: TempRepo[] = [];
function repo(files: Record<string, string>): TempRepo {
  const made = makeTempRepo();
  repos.push(made);
  for (const [file, text] of Object.entries(files)) made.write(file, text);
  made.git('add', '-A');
  made.git('commit', '-q', '-m', 'before the agents');
  return made;
}
afterEach(() => {
  for (const made of repos.splice(0)) made.remove();
});

const CART = 'export function total(items: number[]): number {\n  return items.reduce((a, b) => a + b, 0);\n}\nexport const TAX = 0.2;\n';

describe('findBrokenImports: TypeScript', () => {
  it('reports a name one agent removed that an unchanged file imports, naming the remover', async () => {
    const r = repo({ 'src/cart.ts': CART, 'src/checkout.ts': "import { total, TAX } from './cart';\nexport const pay = total([1]) * TAX;\n" });
    r.write('src/cart.ts', 'export const TAX = 0.2;\n');
    // Another agent's new file asks for the removed name and one that never was.
    r.write('src/report.ts', "import { total, discount } from './cart';\nexport const r = [total, discount];\n");
    const found = await findBrokenImports(r.dir, [
      { path: 'src/cart.ts', agentId: 'ada', deleted: false },
      { path: 'src/report.ts', agentId: 'bob', deleted: false },
    ]);
    expect(found).toEqual([
      {
        importer: 'src/checkout.ts',
        specifier: './cart',
        target: 'src/cart.ts',
        names: ['total'],
        cause: 'removed',
        importerAgents: [],
        removerAgents: ['ada'],
      },
      { importer: 'src/report.ts', specifier: './cart', target: 'src/cart.ts', names: ['total'], cause: 'removed', importerAgents: ['bob'], removerAgents: ['ada'] },
      { importer: 'src/report.ts', specifier: './cart', target: 'src/cart.ts', names: ['discount'], cause: 'never-existed', importerAgents: ['bob'], removerAgents: [] },
    ]);
  });

  it("reports an agent's new import of a name the module never exported, and of a module that does not exist", async () => {
    const r = repo({ 'src/cart.ts': CART });
    r.write('src/report.ts', "import { subtotal } from './cart.js';\nimport { rate } from './rates';\nexport const x = [subtotal, rate];\n");
    const found = await findBrokenImports(r.dir, [{ path: 'src/report.ts', agentId: 'bob', deleted: false }]);
    expect(found).toEqual([
      expect.objectContaining({ importer: 'src/report.ts', specifier: './cart.js', target: 'src/cart.ts', names: ['subtotal'], cause: 'never-existed', importerAgents: ['bob'], removerAgents: [] }),
      expect.objectContaining({ importer: 'src/report.ts', specifier: './rates', target: null, names: [], cause: 'never-existed', importerAgents: ['bob'] }),
    ]);
  });

  it('reports the importers of a module an agent deleted, and one agent writing both sides', async () => {
    const r = repo({ 'src/cart.ts': CART, 'lib/use.js': "const { total } = require('../src/cart');\nmodule.exports = total;\n" });
    // An untracked importer the agent wrote counts too.
    r.write('src/new.ts', "import { total } from './cart';\nexport const n = total([]);\n");
    fs.rmSync(path.join(r.dir, 'src/cart.ts'));
    const found = await findBrokenImports(r.dir, [
      { path: 'src/cart.ts', agentId: 'ada', deleted: true },
      { path: 'src/new.ts', agentId: 'ada', deleted: false },
    ]);
    expect(found).toEqual([
      expect.objectContaining({ importer: 'lib/use.js', specifier: '../src/cart', target: null, cause: 'removed', importerAgents: [], removerAgents: ['ada'] }),
      expect.objectContaining({ importer: 'src/new.ts', specifier: './cart', target: null, cause: 'removed', importerAgents: ['ada'], removerAgents: ['ada'] }),
    ]);
  });

  it('stays quiet for imports already broken at HEAD, packages, assets, open modules and names that moved with their import', async () => {
    const r = repo({
      'src/cart.ts': CART,
      'src/old.ts': "import { gone } from './cart';\nexport const o = gone;\n",
      'src/all.ts': "export * from './cart';\n",
      'src/styles.css': 'body {}\n',
    });
    r.write('src/old.ts', "import { gone } from './cart';\nexport const o = gone; // edited\n");
    r.write(
      'src/app.ts',
      "import React from 'react';\nimport './styles.css';\nimport { anything } from './all';\nimport { total } from './cart';\nexport const a = [React, anything, total];\n",
    );
    // The export moved to a new module and the import followed it.
    r.write('src/cart.ts', 'export const TAX = 0.2;\n');
    r.write('src/sum.ts', 'export function total(items: number[]): number { return items.length; }\n');
    r.write('src/app.ts', "import React from 'react';\nimport './styles.css';\nimport { anything } from './all';\nimport { total } from './sum';\nexport const a = [React, anything, total];\n");
    const found = await findBrokenImports(r.dir, [
      { path: 'src/old.ts', agentId: 'ada', deleted: false },
      { path: 'src/app.ts', agentId: 'bob', deleted: false },
      { path: 'src/cart.ts', agentId: 'ada', deleted: false },
      { path: 'src/sum.ts', agentId: 'ada', deleted: false },
    ]);
    expect(found).toEqual([]);
  });
});

describe('findBrokenImports: Python', () => {
  const PRICING = 'TAX = 0.2\n\ndef total(items):\n    return sum(items)\n\nclass Cart:\n    pass\n';

  it('reports a function removed from a module that another file imports, absolute and relative', async () => {
    const r = repo({
      'shop/__init__.py': '',
      'shop/pricing.py': PRICING,
      'shop/checkout.py': 'from shop.pricing import total, TAX\nfrom .pricing import Cart\nimport json\nfrom requests import get\n',
    });
    r.write('shop/pricing.py', 'TAX = 0.2\n');
    const found = await findBrokenImports(r.dir, [{ path: 'shop/pricing.py', agentId: 'ada', deleted: false }]);
    expect(found).toEqual([
      expect.objectContaining({ importer: 'shop/checkout.py', specifier: 'shop.pricing', target: 'shop/pricing.py', names: ['total'], cause: 'removed', removerAgents: ['ada'] }),
      expect.objectContaining({ importer: 'shop/checkout.py', specifier: '.pricing', target: 'shop/pricing.py', names: ['Cart'], cause: 'removed' }),
    ]);
  });

  it('accepts submodules, __all__ and star re-exports, and reports a local module that does not exist', async () => {
    const r = repo({ 'shop/__init__.py': 'from .pricing import *\n', 'shop/pricing.py': PRICING, 'shop/tax.py': 'RATE = 1\n' });
    r.write('shop/app.py', 'from shop import tax, anything\nfrom . import tax as t2\nfrom shop.pricing import total\nimport shop.missing\n');
    const found = await findBrokenImports(r.dir, [{ path: 'shop/app.py', agentId: 'bob', deleted: false }]);
    expect(found).toEqual([
      expect.objectContaining({ importer: 'shop/app.py', specifier: 'shop.missing', target: null, names: [], cause: 'never-existed', importerAgents: ['bob'] }),
    ]);
  });
});
