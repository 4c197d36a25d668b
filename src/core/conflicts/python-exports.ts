/**
 * The names a Python module defines at module level, read line by line over the masked text
 * (no strings or comments), for `from m import name` checks. Recognised: `def X` / `async def X`,
 * `class X`, assignments `X = …`, `X: T = …`, `a, b = …`, `X += …`, `import a.b` (binds `a`),
 * `import a as b`, `from m import a, b as c`, `for X in`, `with … as X`, and the strings of
 * `__all__ = [...]` / `__all__ += [...]`. Definitions under top-level `if`/`try`/`with`/`for`
 * count (they run at import); bodies of functions and classes do not. A module with
 * `from m import *` or a module-level `__getattr__` is "open": any name passes.
 */
import type { ModuleExports } from './js-exports';
import { logicalLines } from './python-imports';
import { maskPython } from './source-mask';

const IDENT = String.raw`[\p{L}_][\p{L}\p{N}_]*`;
const DEF = new RegExp(String.raw`^(?:async\s+)?def\s+(${IDENT})`, 'u');
const CLASS = new RegExp(String.raw`^class\s+(${IDENT})`, 'u');
/** Targets before an `=` (not `==`), `: T =`, or an augmented assignment. */
const ASSIGN = new RegExp(String.raw`^((?:\(?\s*${IDENT}\s*\)?\s*,\s*)*\(?\s*${IDENT}\s*\)?)\s*(?::[^=]*)?(?:[-+*/%&|^@]|//|\*\*|>>|<<)?=(?!=)`, 'u');
const ANNOTATED = new RegExp(String.raw`^(${IDENT})\s*:\s*[^=]+$`, 'u');
const IMPORT = new RegExp(String.raw`^import\s+(.+)$`, 'u');
const FROM_IMPORT = /^from\s+\S+\s+import\s+(.+)$/u;
const FOR = new RegExp(String.raw`^(?:async\s+)?for\s+(.+?)\s+in\s`, 'u');
const WITH_AS = new RegExp(String.raw`\bas\s+(${IDENT})`, 'gu');
const ALL = /^__all__\s*\+?=\s*[[(]/u;
const NAMES_IN = new RegExp(IDENT, 'gu');

function importBindings(list: string): string[] {
  return list
    .replace(/[()]/g, ' ')
    .split(',')
    .flatMap((item) => {
      const parts = item.trim().split(/\s+as\s+/);
      const bound = (parts[1] ?? parts[0]!).trim();
      // `import a.b` binds `a`.
      const first = bound.split('.')[0]!.trim();
      return first === '' ? [] : [first];
    });
}

/**
 * The strings listed in `__all__`: masking blanks string contents, so they are read back from the
 * original text at the same offsets.
 */
function allNames(src: string, masked: string): string[] {
  const names: string[] = [];
  for (const match of masked.matchAll(/^__all__\s*\+?=\s*[[(]([^\])]*)[\])]/gmu)) {
    const start = match.index + match[0].length - match[1]!.length - 1;
    const original = src.slice(start, start + match[1]!.length);
    for (const quoted of original.matchAll(/(['"])([^'"]+)\1/g)) names.push(quoted[2]!);
  }
  return names;
}

export function pythonExports(src: string): ModuleExports {
  const masked = maskPython(src);
  const names = new Set<string>(allNames(src, masked));
  let open = false;
  // Indentation of the def/class whose body is being skipped.
  let bodyOf: number | null = null;
  for (const { indent, text } of logicalLines(masked)) {
    if (bodyOf !== null && indent > bodyOf) continue;
    bodyOf = null;
    const def = DEF.exec(text) ?? CLASS.exec(text);
    if (def) {
      names.add(def[1]!);
      if (def[1] === '__getattr__' && indent === 0) open = true;
      bodyOf = indent;
      continue;
    }
    if (/^@/.test(text)) continue;
    for (const statement of text.split(';').map((part) => part.trim())) {
      if (ALL.test(statement)) continue;
      const fromImport = FROM_IMPORT.exec(statement);
      if (fromImport) {
        if (fromImport[1]!.trim() === '*') open = true;
        else importBindings(fromImport[1]!).forEach((name) => names.add(name));
        continue;
      }
      const plain = IMPORT.exec(statement);
      if (plain) {
        importBindings(plain[1]!).forEach((name) => names.add(name));
        continue;
      }
      const loop = FOR.exec(statement);
      if (loop) loop[1]!.match(NAMES_IN)?.forEach((name) => names.add(name));
      if (/^(?:async\s+)?with\s/.test(statement)) for (const as of statement.matchAll(WITH_AS)) names.add(as[1]!);
      const assigned = ASSIGN.exec(statement) ?? ANNOTATED.exec(statement);
      if (assigned) assigned[1]!.match(NAMES_IN)?.forEach((name) => names.add(name));
    }
  }
  return { names, open };
}
