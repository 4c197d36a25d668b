/**
 * The import graph reachable from a set of files, built breadth first: each round parses the
 * files found in the last one, reads every candidate their imports could name in one batch, and
 * keeps the first candidate that exists. Bounded by a number of files.
 */
import { isJavaScriptSource, javaScriptImportTargets } from './js-imports';
import { isPythonSource, pythonImportTargets } from './python-imports';
import type { SourceReader } from './source-readers';

/** File → the files it imports (only files of the graph's languages, never itself). */
export type ImportGraph = Map<string, string[]>;

export const isModuleSource = (file: string): boolean => isJavaScriptSource(file) || isPythonSource(file);

function importTargets(file: string, text: string): string[][] {
  if (isPythonSource(file)) return pythonImportTargets(file, text);
  if (isJavaScriptSource(file)) return javaScriptImportTargets(file, text);
  return [];
}

export async function buildImportGraph(reader: SourceReader, roots: readonly string[], maxFiles: number): Promise<ImportGraph> {
  const texts = new Map<string, string | null>();
  const load = async (paths: Iterable<string>): Promise<void> => {
    const missing = [...new Set(paths)].filter((p) => !texts.has(p));
    if (missing.length === 0) return;
    const read = await reader.read(missing);
    for (const p of missing) texts.set(p, read.get(p) ?? null);
  };
  const graph: ImportGraph = new Map();
  const queued = new Set<string>();
  let frontier = [...new Set(roots)].filter(isModuleSource).sort();
  await load(frontier);
  frontier = frontier.filter((p) => texts.get(p) != null);
  frontier.forEach((p) => queued.add(p));
  while (frontier.length > 0 && graph.size < maxFiles) {
    const targets = frontier.map((file) => [file, importTargets(file, texts.get(file)!)] as const);
    await load(targets.flatMap(([, lists]) => lists.flat()));
    const next: string[] = [];
    for (const [file, lists] of targets) {
      if (graph.size >= maxFiles) break;
      const edges = new Set<string>();
      for (const candidates of lists) {
        const found = candidates.find((candidate) => texts.get(candidate) != null);
        if (found !== undefined && found !== file) edges.add(found);
      }
      graph.set(file, [...edges]);
      for (const edge of edges) {
        if (queued.has(edge)) continue;
        queued.add(edge);
        next.push(edge);
      }
    }
    frontier = next;
  }
  return graph;
}
