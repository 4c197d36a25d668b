/**
 * Broken imports the agents' changes introduced: an import of a module that is gone or never
 * existed, or of a name the module no longer (or never) exported. Kept cheap: only the changed
 * files, and the files that may import them (one `git grep` for the changed modules' names), are
 * parsed; exports are read at regex level (js-exports.ts, python-exports.ts). Every problem found
 * in the working tree is checked against HEAD, and one HEAD already had is not reported.
 */
import path from 'node:path';
import { gitRead } from '../git/git-runner';
import { javaScriptExports, type ModuleExports } from './js-exports';
import { isJavaScriptSource, JS_EXTENSIONS } from './js-imports';
import { importRequests, type ImportRequest } from './import-requests';
import { isModuleSource } from './import-graph';
import { isPythonSource } from './python-imports';
import { pythonExports } from './python-exports';
import { headReader, workingTreeReader, type SourceReader } from './source-readers';

export interface BrokenImport {
  importer: string;
  /** The import as written: `./cart`, `shop.cart`, `.cart`. */
  specifier: string;
  /** The file the import names, when there is one. */
  target: string | null;
  /** The names missing from the target; empty when the module itself is missing. */
  names: string[];
  /** Whether HEAD had the module (or the names), so someone's change removed it. */
  cause: 'removed' | 'never-existed';
  /** Who changed the importing file (empty: unchanged since HEAD). */
  importerAgents: Array<string | null>;
  /** Who changed or deleted the target module (empty when it was never there). */
  removerAgents: Array<string | null>;
}

export interface ChangedFile {
  path: string;
  agentId: string | null;
  deleted: boolean;
}

/** Files parsed for one scan at most; past it the rest go unchecked. */
export const DEFAULT_MAX_IMPORT_CHECK_FILES = 2000;

/**
 * The word an importer must contain to import a changed module: its file name without the
 * extension, or its folder's name for an index or `__init__` file.
 */
function moduleWord(file: string): string | null {
  const ext = path.posix.extname(file);
  let stem = path.posix.basename(file, ext);
  if (stem === 'index' || stem === '__init__') stem = path.posix.basename(path.posix.dirname(file));
  return stem === '' || stem === '.' ? null : stem;
}

const SOURCE_PATHSPECS = [...JS_EXTENSIONS, '.py'].map((ext) => `*${ext}`);

/** Tracked and untracked (not ignored) source files that mention any of the words. */
async function filesMentioning(repo: string, words: readonly string[]): Promise<string[]> {
  if (words.length === 0) return [];
  const args = ['grep', '-l', '-z', '-F', '--untracked', ...words.flatMap((word) => ['-e', word]), '--', ...SOURCE_PATHSPECS];
  const output = await gitRead(repo, args, { okExitCodes: [1] });
  return output.toString('utf8').split('\0').filter((file) => file !== '');
}

interface Problem {
  request: ImportRequest;
  target: string | null;
  names: string[];
}

const problemKeys = (problem: Problem): string[] =>
  (problem.names.length === 0 ? ['(module)'] : problem.names).map((name) => `${problem.request.importer}\0${problem.request.specifier}\0${name}`);

function exportsOf(file: string, text: string): ModuleExports {
  if (isPythonSource(file)) return pythonExports(text);
  if (isJavaScriptSource(file)) return javaScriptExports(text);
  // A stylesheet, JSON or other asset: loaded whole, nothing to look up in it.
  return { names: new Set(), open: true };
}

/** The imports of `importers` that the files `reader` sees do not satisfy. */
async function problemsIn(reader: SourceReader, importers: readonly string[]): Promise<Problem[]> {
  const sources = await reader.read(importers);
  const requests = importers.flatMap((file) => {
    const text = sources.get(file);
    return text == null ? [] : importRequests(file, text);
  });
  const wanted = new Set(requests.flatMap((r) => [...r.module, ...(r.localIf ?? []), ...r.names.flatMap((n) => n.alsoAsFile)]));
  const texts = await reader.read([...wanted]);
  const exists = (file: string): boolean => texts.get(file) != null;
  const problems: Problem[] = [];
  for (const request of requests) {
    if (request.localIf !== null && !request.localIf.some(exists)) continue;
    const target = request.module.find(exists) ?? null;
    const unmet = request.names.filter(({ alsoAsFile }) => !alsoAsFile.some(exists));
    if (target === null && !request.moduleOptional) {
      problems.push({ request, target: null, names: [] });
      continue;
    }
    const exported = target === null ? { names: new Set<string>(), open: false } : exportsOf(target, texts.get(target)!);
    if (exported.open) continue;
    const missing = unmet.map(({ name }) => name).filter((name) => !exported.names.has(name));
    if (missing.length > 0) problems.push({ request, target, names: missing });
  }
  return problems;
}

/**
 * Whether HEAD had what the working tree lacks: the module file, or each name in the same file.
 * Names are split by cause, so "removed by ada" and "never existed" are separate findings.
 */
async function causesAtHead(head: SourceReader, problem: Problem): Promise<Array<{ cause: BrokenImport['cause']; names: string[] }>> {
  if (problem.target === null) {
    const texts = await head.read(problem.request.module);
    return [{ cause: [...texts.values()].some((text) => text != null) ? 'removed' : 'never-existed', names: [] }];
  }
  const text = (await head.read([problem.target])).get(problem.target);
  const exported = text == null ? null : exportsOf(problem.target, text);
  const had = (name: string): boolean => exported !== null && (exported.open || exported.names.has(name));
  return [
    { cause: 'removed' as const, names: problem.names.filter(had) },
    { cause: 'never-existed' as const, names: problem.names.filter((name) => !had(name)) },
  ].filter((group) => group.names.length > 0);
}

export async function findBrokenImports(
  repo: string,
  changed: readonly ChangedFile[],
  options: { maxFiles?: number } = {},
): Promise<BrokenImport[]> {
  const maxFiles = options.maxFiles ?? DEFAULT_MAX_IMPORT_CHECK_FILES;
  const modules = changed.filter((file) => isModuleSource(file.path));
  if (modules.length === 0) return [];
  const words = [...new Set(modules.map((file) => moduleWord(file.path)).filter((word): word is string => word !== null))];
  const importers = [
    ...new Set([...modules.filter((file) => !file.deleted).map((file) => file.path), ...(await filesMentioning(repo, words))]),
  ]
    .filter(isModuleSource)
    .sort()
    .slice(0, maxFiles);
  const now = await problemsIn(workingTreeReader(repo), importers);
  if (now.length === 0) return [];
  const head = await headReader(repo);
  const before = new Set((await problemsIn(head, [...new Set(now.map((p) => p.request.importer))])).flatMap(problemKeys));
  const writers = (files: readonly string[]): Array<string | null> => [
    ...new Set(changed.filter((file) => files.includes(file.path)).map((file) => file.agentId)),
  ];
  const found: BrokenImport[] = [];
  for (const problem of now) {
    // Only what is new since HEAD: a name the importer already lacked there is someone else's story.
    const names = problem.names.filter((name) => !before.has(problemKeys({ ...problem, names: [name] })[0]!));
    if (problem.names.length > 0 && names.length === 0) continue;
    if (problem.names.length === 0 && before.has(problemKeys(problem)[0]!)) continue;
    for (const group of await causesAtHead(head, { ...problem, names })) {
      found.push({
        importer: problem.request.importer,
        specifier: problem.request.specifier,
        target: problem.target,
        names: group.names,
        cause: group.cause,
        importerAgents: writers([problem.request.importer]),
        removerAgents: group.cause === 'removed' ? writers(problem.target === null ? problem.request.module : [problem.target]) : [],
      });
    }
  }
  return found;
}
