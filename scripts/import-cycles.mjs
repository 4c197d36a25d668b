// @ts-check
/**
 * Finds import cycles among a tree's TypeScript files: every `import`, `export … from` and
 * `import()` of a relative path is an edge, type-only imports included (a cycle of types still
 * ties two files' designs together). Strongly connected components (Tarjan) of more than one
 * file, or a file importing itself, are cycles.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const SOURCE = /\.(ts|tsx|mts|cts)$/;
const RESOLVE_SUFFIXES = ['', '.ts', '.tsx', '.mts', '.cts', '/index.ts', '/index.tsx'];

/** @param {string} dir @returns {string[]} */
function sourceFiles(dir) {
  const files = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(full));
    else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(full);
  }
  return files;
}

/** @param {string} from @param {string} specifier @param {Set<string>} known */
function resolveImport(from, specifier, known) {
  if (!specifier.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), specifier.replace(/\.js$/, ''));
  for (const suffix of RESOLVE_SUFFIXES) if (known.has(base + suffix)) return base + suffix;
  return null;
}

/** @param {string} root @returns {Map<string, string[]>} file → files it imports */
export function importGraph(root) {
  const files = sourceFiles(root);
  const known = new Set(files);
  const graph = new Map();
  for (const file of files) {
    const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    const targets = new Set();
    for (const ref of info.importedFiles) {
      const target = resolveImport(file, ref.fileName, known);
      if (target) targets.add(target);
    }
    graph.set(file, [...targets]);
  }
  return graph;
}

/** @param {Map<string, string[]>} graph @returns {string[][]} */
export function findCycles(graph) {
  let next = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const cycles = [];
  /** @param {string} node */
  const visit = (node) => {
    index.set(node, next);
    low.set(node, next);
    next++;
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node), low.get(target)));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node), index.get(target)));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) cycles.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

/** @param {string} root @returns {string} what to print; empty when there is no cycle */
export function describeCycles(root) {
  const graph = importGraph(root);
  const cycles = findCycles(graph);
  return cycles
    .map((files, i) => {
      const inCycle = new Set(files);
      const edges = files.flatMap((file) =>
        (graph.get(file) ?? []).filter((t) => inCycle.has(t)).map((t) => `    ${path.relative(root, file)} → ${path.relative(root, t)}`),
      );
      return `import cycle ${i + 1} (${files.length} files):\n${edges.join('\n')}`;
    })
    .join('\n');
}
