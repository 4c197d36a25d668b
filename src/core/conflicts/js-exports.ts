/**
 * The names a JavaScript or TypeScript module exports, and the names each of its imports asks
 * for, read at regex level over the masked text (no strings or comments), which is enough to
 * notice `import { total } from './cart'` after `export function total` was deleted.
 *
 * Exports recognised: `export [default] [async] function[*] X`, `export [abstract] class X`,
 * `export const|let|var X`, `export [declare] type|interface|enum|namespace X`,
 * `export const enum X`, `export { a, b as c }` (with or without `from`), `export * as ns from`,
 * `export default …` (the name `default`), `export =`, and CommonJS `exports.X =` /
 * `module.exports.X =`. A module whose names cannot be listed this way — `export * from`,
 * `module.exports = …`, `export const { a } = …` (destructuring) — is "open": any name passes.
 *
 * Imports recognised: `import D, { a, b as c, type T } from`, `import * as ns from` (no names),
 * `export { a } from` (re-exports ask for `a`). `require()` and `import()` name only a module.
 */
import { maskJavaScript } from './source-mask';

export interface ModuleExports {
  names: Set<string>;
  /** Some exports cannot be listed (see above): every name counts as exported. */
  open: boolean;
}

export interface NamedImport {
  specifier: string;
  /** Names asked for (`default` for a default import); empty for a namespace or side-effect import. */
  names: string[];
}

const IDENT = String.raw`[\p{L}_$][\p{L}\p{N}_$]*`;
const NOT_AFTER = String.raw`(?<![\w$.])`;

const DECLARATION = new RegExp(
  String.raw`${NOT_AFTER}export\s+(?:declare\s+)?(?:default\s+)?(?:async\s+)?(?:abstract\s+)?` +
    String.raw`(?:function\s*\*?|class|const\s+enum|const|let|var|type|interface|enum|namespace|module)\s+(${IDENT})`,
  'gu',
);
/** `export const a = 1, b = 2`: the text after the keyword, up to the end of the statement. */
const VARIABLES = new RegExp(String.raw`${NOT_AFTER}export\s+(?:declare\s+)?(?:const|let|var)\s+(?!enum\s)([^;]*)`, 'gu');
const DESTRUCTURED = new RegExp(String.raw`${NOT_AFTER}export\s+(?:const|let|var)\s*[{[]`, 'gu');
const EXPORT_DEFAULT = new RegExp(String.raw`${NOT_AFTER}export\s+default(?![\w$])`, 'gu');
/** `export { … }` and `export type { … }`, with or without a `from` after it. */
const EXPORT_LIST = new RegExp(String.raw`${NOT_AFTER}export\s+(?:type\s+)?\{([^}]*)\}`, 'gu');
const EXPORT_STAR_AS = new RegExp(String.raw`${NOT_AFTER}export\s+\*\s+as\s+(${IDENT})`, 'gu');
const EXPORT_STAR = new RegExp(String.raw`${NOT_AFTER}export\s+\*\s+from`, 'gu');
const CJS_NAMED = new RegExp(String.raw`(?<![\w$.])(?:module\s*\.\s*)?exports\s*\.\s*(${IDENT})\s*=(?!=)`, 'gu');
const CJS_WHOLE = new RegExp(String.raw`(?<![\w$.])(?:module\s*\.\s*exports|export)\s*=(?!=)`, 'gu');

/** `a`, `b as c`, `type T`, `default as d` → [local name, exported/imported name]. */
function listItems(list: string): Array<{ inner: string; outer: string }> {
  return list
    .split(',')
    .map((item) => item.trim().replace(/^type\s+/, ''))
    .filter((item) => item !== '')
    .flatMap((item) => {
      const match = new RegExp(String.raw`^(${IDENT})(?:\s+as\s+(${IDENT}))?$`, 'u').exec(item);
      return match ? [{ inner: match[1]!, outer: match[2] ?? match[1]! }] : [];
    });
}

/**
 * The names declared by a `const`/`let`/`var` list: each one at bracket depth 0 that starts the
 * list or follows a comma. A statement without a semicolon runs on to the next line's text,
 * which only ever adds a name after a comma at depth 0 (rare outside such a list).
 */
function declaredNames(list: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let expectName = true;
  const ident = new RegExp(String.raw`^\s*(${IDENT})`, 'u');
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    if (expectName && depth === 0) {
      const match = ident.exec(list.slice(i));
      if (match) names.push(match[1]!);
      expectName = false;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) expectName = true;
    // A new line at depth 0 not after a comma or operator ends the statement (no semicolons).
    else if (c === '\n' && depth === 0 && !/[,=+\-*/|&?:(]\s*$/.test(list.slice(0, i))) break;
  }
  return names;
}

export function javaScriptExports(src: string): ModuleExports {
  const masked = maskJavaScript(src);
  const names = new Set<string>();
  const open = masked.search(DESTRUCTURED) >= 0 || masked.search(EXPORT_STAR) >= 0 || masked.search(CJS_WHOLE) >= 0;
  for (const match of masked.matchAll(DECLARATION)) names.add(match[1]!);
  for (const match of masked.matchAll(VARIABLES)) declaredNames(match[1]!).forEach((name) => names.add(name));
  if (masked.search(EXPORT_DEFAULT) >= 0) names.add('default');
  for (const match of masked.matchAll(EXPORT_LIST)) for (const { outer } of listItems(match[1]!)) names.add(outer);
  for (const match of masked.matchAll(EXPORT_STAR_AS)) names.add(match[1]!);
  for (const match of masked.matchAll(CJS_NAMED)) names.add(match[1]!);
  // `export default function X` counts X too, though only `default` is exported: a name more
  // can only hide a broken import, never report one that is not.
  return { names, open };
}

/** `import <clause> from '…'` and `export <clause> from '…'`; the clause holds the names. */
const FROM_CLAUSE = new RegExp(String.raw`${NOT_AFTER}(import|export)(?![\w$])([^;'"()=]*?)(?<![\w$])from\s*(['"])`, 'gu');

function importedNames(keyword: string, clause: string): string[] | null {
  let rest = clause.trim().replace(/^type\s+(?=[\p{L}_${*])/u, '');
  if (keyword === 'export') {
    const list = /^\{([^}]*)\}$/.exec(rest);
    return list ? listItems(list[1]!).map(({ inner }) => inner) : [];
  }
  const names: string[] = [];
  const leading = new RegExp(String.raw`^(${IDENT})\s*(?:,\s*|$)`, 'u').exec(rest);
  if (leading) {
    names.push('default');
    rest = rest.slice(leading[0].length);
  }
  const list = /^\{([^}]*)\}\s*$/.exec(rest);
  if (list) names.push(...listItems(list[1]!).map(({ inner }) => inner));
  else if (rest !== '' && !/^\*\s*as\s/.test(rest)) return null;
  return names;
}

/** Every `import … from` and `export … from` of the file, with the names each asks for. */
export function javaScriptNamedImports(src: string): NamedImport[] {
  const masked = maskJavaScript(src);
  const found: NamedImport[] = [];
  for (const match of masked.matchAll(FROM_CLAUSE)) {
    const quoteIndex = match.index + match[0].length - 1;
    const close = masked.indexOf(masked[quoteIndex]!, quoteIndex + 1);
    if (close < 0) continue;
    const specifier = src.slice(quoteIndex + 1, close);
    if (specifier.includes('\n')) continue;
    const names = importedNames(match[1]!, match[2]!);
    if (names !== null) found.push({ specifier, names });
  }
  return found;
}
