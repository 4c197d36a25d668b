/**
 * What each import of a file asks of the repository: which files the module may be, which names
 * it needs from it, and (Python) which files a name may also be as a submodule. Only imports
 * that can be judged inside the repository are listed: relative JavaScript specifiers, relative
 * Python imports, and absolute Python imports whose top-level package is in the repository.
 */
import path from 'node:path';
import { javaScriptNamedImports } from './js-exports';
import { isJavaScriptSource, javaScriptCandidates, JS_EXTENSIONS, javaScriptSpecifiers } from './js-imports';
import { isPythonSource, pythonImports, type PythonImport } from './python-imports';

export interface ImportRequest {
  importer: string;
  /** As written: `./cart`, `shop.cart`, `.cart`. */
  specifier: string;
  /** Files the module may be, in the order tried; the first existing one is it. */
  module: string[];
  /**
   * Python `from . import x`: the package needs no `__init__.py` when every name is a submodule,
   * so a missing module file is not itself a problem.
   */
  moduleOptional: boolean;
  /** When none of these exist the module is a third-party package, not this repository's to judge. */
  localIf: string[] | null;
  names: Array<{ name: string; alsoAsFile: string[] }>;
}

/** `./styles.css`, `./data.json`: a file loaded as is, with no exports to check. */
function literalFile(importer: string, specifier: string): string[] {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(importer), specifier.split(/[?#]/)[0]!));
  const ext = path.posix.extname(base);
  return ext !== '' && !(JS_EXTENSIONS as readonly string[]).includes(ext) ? [base] : [];
}

function javaScriptRequests(importer: string, src: string): ImportRequest[] {
  const byModule = new Map<string, Set<string>>();
  for (const specifier of javaScriptSpecifiers(src)) byModule.set(specifier, byModule.get(specifier) ?? new Set());
  for (const { specifier, names } of javaScriptNamedImports(src)) {
    const known = byModule.get(specifier) ?? new Set<string>();
    names.forEach((name) => known.add(name));
    byModule.set(specifier, known);
  }
  return [...byModule].flatMap(([specifier, names]): ImportRequest[] => {
    const module = [...javaScriptCandidates(importer, specifier), ...literalFile(importer, specifier)];
    if (module.length === 0) return [];
    return [{ importer, specifier, module, moduleOptional: false, localIf: null, names: [...names].map((name) => ({ name, alsoAsFile: [] })) }];
  });
}

const moduleFiles = (dir: string): string[] => [`${dir}.py`, `${dir}/__init__.py`];
const join = (...parts: string[]): string => path.posix.join(...parts.filter((p) => p !== '' && p !== '.'));

/** The repository root, then each directory down to the importer's (as python-imports.ts). */
function searchRoots(importer: string): string[] {
  const dir = path.posix.dirname(importer);
  if (dir === '.') return [''];
  const parts = dir.split('/');
  return ['', ...parts.map((_, i) => parts.slice(0, i + 1).join('/'))];
}

function pythonRequest(importer: string, imported: PythonImport): ImportRequest | null {
  const parts = imported.module?.split('.') ?? [];
  const specifier = `${'.'.repeat(imported.level)}${imported.module ?? ''}`;
  let bases: string[];
  let localIf: string[] | null = null;
  if (imported.level > 0) {
    let pkg = path.posix.dirname(importer);
    for (let up = 1; up < imported.level; up++) {
      if (pkg === '.' || pkg === '') return null;
      pkg = path.posix.dirname(pkg);
    }
    bases = [pkg === '.' ? '' : pkg];
  } else {
    bases = searchRoots(importer);
    localIf = bases.flatMap((base) => moduleFiles(join(base, parts[0]!)));
  }
  const dirs = bases.map((base) => join(base, ...parts));
  const module = parts.length > 0 ? dirs.flatMap(moduleFiles) : dirs.map((dir) => join(dir, '__init__.py'));
  const names = (imported.names ?? []).map((name) => ({ name, alsoAsFile: dirs.flatMap((dir) => moduleFiles(join(dir, name))) }));
  return { importer, specifier, module, moduleOptional: parts.length === 0, localIf, names };
}

/** The imports of one file that this repository can answer for. */
export function importRequests(importer: string, src: string): ImportRequest[] {
  if (isJavaScriptSource(importer)) return javaScriptRequests(importer, src);
  if (isPythonSource(importer)) {
    return pythonImports(src).flatMap((imported) => {
      const request = pythonRequest(importer, imported);
      return request ? [request] : [];
    });
  }
  return [];
}
