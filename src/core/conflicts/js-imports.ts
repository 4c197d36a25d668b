/**
 * Module edges of JavaScript and TypeScript files: the relative specifiers of import,
 * export-from, require() and import(), and the files each could name. Type-only imports are left
 * out: TypeScript erases them, so they cannot make a runtime cycle.
 */
import path from 'node:path';
import { maskJavaScript } from './source-mask';

export const JS_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;

export const isJavaScriptSource = (file: string): boolean =>
  JS_EXTENSIONS.some((ext) => file.endsWith(ext)) && !/\.d\.[mc]?ts$/.test(file);

// Each pattern ends at the opening quote of the specifier; the masked text has no strings or comments.
const NOT_AFTER = String.raw`(?<![\w$.])`;
const SIDE_EFFECT_IMPORT = new RegExp(String.raw`${NOT_AFTER}import\s*(['"])`, 'g');
const FROM_CLAUSE = new RegExp(String.raw`${NOT_AFTER}(import|export)(?![\w$])([^;'"()=]*?)(?<![\w$])from\s*(['"])`, 'g');
const CALL = new RegExp(String.raw`${NOT_AFTER}(?:require|import)\s*\(\s*(['"])`, 'g');

/** `import type X`, `export type {…}`, or a list where every name is `type X`. */
function typeOnly(clause: string): boolean {
  if (/^\s*type\s+[\w${*]/.test(clause)) return true;
  const list = /^\s*\{([^}]*)\}\s*$/.exec(clause);
  if (!list) return false;
  const names = list[1]!.split(',').map((name) => name.trim()).filter((name) => name !== '');
  return names.length > 0 && names.every((name) => /^type\s/.test(name));
}

function specifierAt(src: string, masked: string, quoteIndex: number): string | null {
  const quote = masked[quoteIndex]!;
  const close = masked.indexOf(quote, quoteIndex + 1);
  if (close < 0) return null;
  const specifier = src.slice(quoteIndex + 1, close);
  return specifier.includes('\n') ? null : specifier;
}

/** Every specifier the file loads at run time, in order of appearance, relative or not. */
export function javaScriptSpecifiers(src: string): string[] {
  const masked = maskJavaScript(src);
  const found: Array<[number, string]> = [];
  const add = (match: RegExpExecArray): void => {
    const quoteIndex = match.index + match[0].length - 1;
    const specifier = specifierAt(src, masked, quoteIndex);
    if (specifier !== null) found.push([quoteIndex, specifier]);
  };
  for (const match of masked.matchAll(SIDE_EFFECT_IMPORT)) add(match);
  for (const match of masked.matchAll(CALL)) add(match);
  for (const match of masked.matchAll(FROM_CLAUSE)) if (!typeOnly(match[2]!)) add(match);
  return found.sort((a, b) => a[0] - b[0]).map(([, specifier]) => specifier);
}

/** What a compiled `.js` specifier stands for in a TypeScript project, besides itself. */
const SOURCE_FOR_OUTPUT: Record<string, readonly string[]> = {
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};

/**
 * Files a relative specifier may name, in the order a bundler or TypeScript tries them; empty
 * for a package name or a path leading out of the repository.
 */
export function javaScriptCandidates(importer: string, specifier: string): string[] {
  if (!/^\.\.?(\/|$)/.test(specifier)) return [];
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(importer), specifier.split(/[?#]/)[0]!));
  if (base === '..' || base.startsWith('../') || base === '.') return [];
  const ext = path.posix.extname(base);
  if ((JS_EXTENSIONS as readonly string[]).includes(ext)) {
    const stem = base.slice(0, -ext.length);
    return [...(SOURCE_FOR_OUTPUT[ext] ?? []).map((source) => stem + source), base];
  }
  return [...JS_EXTENSIONS.map((e) => base + e), ...JS_EXTENSIONS.map((e) => `${base}/index${e}`)];
}

/** For each runtime import of the file, the files it may name (first existing one wins). */
export function javaScriptImportTargets(importer: string, src: string): string[][] {
  return javaScriptSpecifiers(src)
    .map((specifier) => javaScriptCandidates(importer, specifier))
    .filter((candidates) => candidates.length > 0);
}
