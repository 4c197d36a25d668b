/**
 * Import cycles the agents' changes introduced. The import graph reachable from the changed
 * files is built twice, from the working tree and from HEAD; a cycle is reported when its
 * component contains a changed file and no component at HEAD already held all of its modules
 * (so an old cycle, or one an agent only shrank, stays quiet). Each is shown as the shortest
 * loop through an import that is new since HEAD: the import someone has to take out.
 */
import { buildImportGraph, type ImportGraph } from './import-graph';
import { headReader, workingTreeReader } from './source-readers';
import { cyclicComponents, shortestCycleThrough } from './strongly-connected';

export interface ImportCycle {
  /** Modules in cycle order: each imports the next, the last imports the first. */
  paths: string[];
  /** Who changed the modules of the cycle (null: the user or an unattributed writer). */
  agents: Array<string | null>;
}

/** Files per graph; past it the graph is cut off (a cycle through the rest goes unseen). */
export const DEFAULT_MAX_IMPORT_FILES = 2000;

function newEdges(now: ImportGraph, before: ImportGraph, component: readonly string[]): Array<[string, string]> {
  const members = new Set(component);
  const edges: Array<[string, string]> = [];
  for (const from of component) {
    const old = new Set(before.get(from) ?? []);
    for (const to of now.get(from) ?? []) if (members.has(to) && !old.has(to)) edges.push([from, to]);
  }
  return edges;
}

const shortest = (cycles: Array<string[] | null>): string[] | null =>
  cycles.reduce<string[] | null>((best, cycle) => (cycle !== null && (best === null || cycle.length < best.length) ? cycle : best), null);

/** The shortest loop through a new import; through a changed module if, oddly, none is new. */
function displayCycle(now: ImportGraph, before: ImportGraph, component: readonly string[], changed: ReadonlySet<string>): string[] {
  const members = new Set(component);
  const throughNew = shortest(newEdges(now, before, component).map(([from, to]) => shortestCycleThrough(now, from, to, members)));
  if (throughNew !== null) return throughNew;
  const start = component.find((file) => changed.has(file))!;
  const targets = [...(now.get(start) ?? [])].filter((to) => members.has(to)).sort();
  return shortest(targets.map((to) => shortestCycleThrough(now, start, to, members))) ?? [...component];
}

export async function findImportCycles(
  repo: string,
  changed: ReadonlyArray<{ path: string; agentId: string | null }>,
  options: { maxFiles?: number } = {},
): Promise<ImportCycle[]> {
  const maxFiles = options.maxFiles ?? DEFAULT_MAX_IMPORT_FILES;
  const changedPaths = new Set(changed.map((entry) => entry.path));
  const now = await buildImportGraph(workingTreeReader(repo), [...changedPaths], maxFiles);
  const components = cyclicComponents(now).filter((component) => component.some((file) => changedPaths.has(file)));
  if (components.length === 0) return [];
  // From every module of the new components, not only the changed ones: an unchanged module's
  // imports at HEAD decide which edges of the cycle are old.
  const before = await buildImportGraph(await headReader(repo), components.flat(), maxFiles);
  const old = cyclicComponents(before).map((component) => new Set(component));
  return components
    .filter((component) => !old.some((existing) => component.every((file) => existing.has(file))))
    .map((component): ImportCycle => {
      const paths = displayCycle(now, before, component, changedPaths);
      const agents = [...new Set(changed.filter((entry) => paths.includes(entry.path)).map((entry) => entry.agentId))];
      return { paths, agents };
    });
}
