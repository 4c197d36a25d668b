/**
 * A trie of claims keyed by path segment, so a check walks the path's own segments instead of
 * every claim. Files and directories live at the node of their full path; a glob lives at the node
 * of its literal prefix (every path it can match starts there), so a lookup only tests the globs
 * it passes on the way down.
 */
import type { CompiledTarget } from './claim-target';

export interface IndexedEntry {
  compiled: CompiledTarget;
}

/** Collections are created on first use: most nodes hold one file claim and no children. */
interface IndexNode<T> {
  children: Map<string, IndexNode<T>> | null;
  files: Set<T> | null;
  directories: Set<T> | null;
  globs: Set<T> | null;
  /** Entries at this node and below, so empty branches can be pruned. */
  size: number;
}

type Bucket = 'files' | 'directories' | 'globs';

const newNode = <T>(): IndexNode<T> => ({ children: null, files: null, directories: null, globs: null, size: 0 });
const bucketOf = (entry: IndexedEntry): Bucket => {
  const kind = entry.compiled.target.kind;
  return kind === 'file' ? 'files' : kind === 'directory' ? 'directories' : 'globs';
};

export class ClaimIndex<T extends IndexedEntry> {
  private readonly root: IndexNode<T> = newNode();

  add(entry: T): void {
    let node = this.root;
    node.size++;
    for (const segment of entry.compiled.indexSegments) {
      node.children ??= new Map();
      let child = node.children.get(segment);
      if (!child) {
        child = newNode();
        node.children.set(segment, child);
      }
      node = child;
      node.size++;
    }
    const bucket = bucketOf(entry);
    (node[bucket] ??= new Set()).add(entry);
  }

  remove(entry: T): boolean {
    const trail: IndexNode<T>[] = [this.root];
    for (const segment of entry.compiled.indexSegments) {
      const child = trail.at(-1)!.children?.get(segment);
      if (!child) return false;
      trail.push(child);
    }
    const last = trail.at(-1)!;
    const bucket = bucketOf(entry);
    if (!last[bucket]?.delete(entry)) return false;
    if (last[bucket]!.size === 0) last[bucket] = null;
    for (const node of trail) node.size--;
    const segments = entry.compiled.indexSegments;
    for (let depth = segments.length; depth > 0; depth--) {
      if (trail[depth]!.size === 0) trail[depth - 1]!.children?.delete(segments[depth - 1]!);
    }
    return true;
  }

  /** Entries covering this (folded, normalised) path. */
  matching(path: string): T[] {
    const segments = path.split('/');
    const found: T[] = [];
    let node: IndexNode<T> | undefined = this.root;
    for (let depth = 0; node; depth++) {
      if (node.directories) for (const entry of node.directories) found.push(entry);
      if (node.globs) for (const entry of node.globs) if (entry.compiled.matches(path)) found.push(entry);
      if (depth === segments.length) {
        if (node.files) for (const entry of node.files) found.push(entry);
        break;
      }
      node = node.children?.get(segments[depth]!);
    }
    return found;
  }

  /**
   * Entries that could overlap the target, for the caller to test: those on the walk down to the
   * target's literal prefix, plus, for a directory or glob, everything filed under that prefix.
   */
  candidates(target: CompiledTarget): T[] {
    const found: T[] = [];
    const collect = (node: IndexNode<T>): void => {
      for (const bucket of [node.files, node.directories, node.globs]) if (bucket) for (const entry of bucket) found.push(entry);
    };
    let node: IndexNode<T> | undefined = this.root;
    for (const segment of target.indexSegments) {
      collect(node);
      node = node.children?.get(segment);
      if (!node) return found;
    }
    if (target.target.kind === 'file') {
      collect(node);
      return found;
    }
    const stack = [node];
    while (stack.length > 0) {
      const next = stack.pop()!;
      collect(next);
      if (next.children) for (const child of next.children.values()) stack.push(child);
    }
    return found;
  }
}
