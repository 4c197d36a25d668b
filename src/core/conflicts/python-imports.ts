/**
 * Module edges of Python files: `import a.b`, `from a.b import c`, `from . import x`,
 * `from ..m import y`, resolved to files in the repository. Imports that do not run when the
 * module loads (inside a function, or under `if TYPE_CHECKING:`) are left out: they are how
 * Python code breaks a cycle on purpose.
 */
import path from 'node:path';
import { maskPython } from './source-mask';

export const isPythonSource = (file: string): boolean => file.endsWith('.py');

export interface PythonImport {
  /** Leading dots of a relative import; 0 for an absolute one. */
  level: number;
  /** Dotted module after the dots; null in `from . import x`. */
  module: string | null;
  /** Names after `from … import`; null for `import a.b`; empty for `*`. */
  names: string[] | null;
}

/** Logical lines (brackets and backslashes joined) with the indentation of their first line. */
export function logicalLines(masked: string): Array<{ indent: number; text: string }> {
  const lines: Array<{ indent: number; text: string }> = [];
  let current: { indent: number; text: string } | null = null;
  let depth = 0;
  for (const physical of masked.split('\n')) {
    if (current === null) {
      if (physical.trim() === '') continue;
      current = { indent: physical.length - physical.trimStart().length, text: '' };
    }
    for (const c of physical) {
      if (c === '(' || c === '[' || c === '{') depth++;
      else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
    }
    const continued = physical.trimEnd().endsWith('\\');
    current.text += ` ${continued ? physical.trimEnd().slice(0, -1) : physical}`;
    if (depth === 0 && !continued) {
      lines.push({ indent: current.indent, text: current.text.trim() });
      current = null;
    }
  }
  if (current !== null) lines.push({ indent: current.indent, text: current.text.trim() });
  return lines;
}

/** Blocks whose imports do not run when the module is loaded. */
const DEFERRED_BLOCK = /^(?:(?:async\s+)?def\s|if\s+(?:typing\.)?TYPE_CHECKING\s*:)/;
const DOTTED = String.raw`[\p{L}_][\p{L}\p{N}_]*(?:\s*\.\s*[\p{L}_][\p{L}\p{N}_]*)*`;
const IMPORT = new RegExp(String.raw`^import\s+(.+)$`, 'u');
const FROM = new RegExp(String.raw`^from\s+(\.*)\s*(${DOTTED})?\s+import\s+(.+)$`, 'u');
const ALIASED = new RegExp(String.raw`^(${DOTTED})(?:\s+as\s+[\p{L}_][\p{L}\p{N}_]*)?$`, 'u');

const dotted = (text: string): string => text.replace(/\s+/g, '');

function parseStatement(statement: string): PythonImport[] {
  const plain = IMPORT.exec(statement);
  if (plain) {
    return plain[1]!.split(',').flatMap((item) => {
      const match = ALIASED.exec(item.trim());
      return match ? [{ level: 0, module: dotted(match[1]!), names: null }] : [];
    });
  }
  const from = FROM.exec(statement);
  if (!from) return [];
  const list = from[3]!.replace(/[()]/g, ' ').trim();
  const names =
    list === '*'
      ? []
      : list.split(',').flatMap((item) => {
          const match = ALIASED.exec(item.trim());
          return match && !match[1]!.includes('.') ? [match[1]!] : [];
        });
  const level = from[1]!.length;
  const module = from[2] ? dotted(from[2]) : null;
  if (level === 0 && module === null) return [];
  return [{ level, module, names }];
}

/** The imports that run when the module loads, in order. */
export function pythonImports(src: string): PythonImport[] {
  const imports: PythonImport[] = [];
  let deferredAt: number | null = null;
  for (const { indent, text } of logicalLines(maskPython(src))) {
    if (deferredAt !== null && indent > deferredAt) continue;
    deferredAt = null;
    if (DEFERRED_BLOCK.test(text)) {
      deferredAt = indent;
      continue;
    }
    for (const statement of text.split(';')) imports.push(...parseStatement(statement.trim()));
  }
  return imports;
}

const moduleFiles = (dir: string): string[] => [`${dir}.py`, `${dir}/__init__.py`];
const join = (...parts: string[]): string => path.posix.join(...parts.filter((p) => p !== '' && p !== '.'));

/**
 * Directories an absolute import may be found under: the repository root, then each directory
 * between it and the importer (a `src/` layout, or a script run from its own folder), shallowest
 * first, as a project's sys.path usually lists them.
 */
function searchRoots(importer: string): string[] {
  const dir = path.posix.dirname(importer);
  const roots = [''];
  if (dir === '.') return roots;
  const parts = dir.split('/');
  for (let i = 1; i <= parts.length; i++) roots.push(parts.slice(0, i).join('/'));
  return roots;
}

/**
 * For one import, the files each imported thing may be, in the order tried. A name in
 * `from pkg import name` is a submodule when pkg/name.py exists, otherwise something defined in
 * pkg itself (so the edge goes to pkg/__init__.py: the "circular import in Schemas/__init__.py").
 * Parent packages' __init__ files also run, but are not edges here: counting them would call
 * every package that re-exports its submodules a cycle.
 */
export function pythonCandidates(importer: string, imported: PythonImport): string[][] {
  const parts = imported.module?.split('.') ?? [];
  let bases: string[];
  if (imported.level > 0) {
    let pkg = path.posix.dirname(importer);
    for (let up = 1; up < imported.level; up++) {
      if (pkg === '.' || pkg === '') return [];
      pkg = path.posix.dirname(pkg);
    }
    bases = [pkg === '.' ? '' : pkg];
  } else bases = searchRoots(importer);
  const moduleOf = (base: string): string[] =>
    parts.length > 0 ? moduleFiles(join(base, ...parts)) : [join(base, '__init__.py')];
  if (imported.names === null || imported.names.length === 0) return [bases.flatMap(moduleOf)];
  return imported.names.map((name) =>
    bases.flatMap((base) => [...moduleFiles(join(base, ...parts, name)), ...moduleOf(base)]),
  );
}

/** For each runtime import of the file, the files it may name (first existing one wins). */
export function pythonImportTargets(importer: string, src: string): string[][] {
  return pythonImports(src).flatMap((imported) => pythonCandidates(importer, imported));
}
