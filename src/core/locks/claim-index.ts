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

interface IndexNode<T> {
  children: Map<string, IndexNode<T>>;
  files: Set<T>;
  directories: Set<T>;
  globs: Set<T>;
  /** Entries at this node and below, so empty branches can be pruned. */
  size: number;
}

const newNode = <T>(): IndexNode<T> => ({ children: new Map(), files: new Set(), directories: new Set(), globs: new Set(), size: 0 });

export class ClaimIndex<T extends IndexedEntry> {
  private readonly root: IndexNode<T> = newNode();

  private bucket(node: IndexNode<T>, entry: T): Set<T> {
    const kind = entry.compiled.target.kind;
    return kind === 'file' ? node.files : kind === 'directory' ? node.directories : node.globs;
  }

  add(entry: T): void {
    let node = this.root;
    node.size++;
    for (const segment of entry.compiled.indexSegments) {
      let child = node.children.get(segment);
      if (!child) {
        child = newNode();
        node.children.set(segment, child);
      }
      node = child;
      node.size++;
    }
    this.bucket(node, entry).add(entry);
  }

  remove(entry: T): boolean {
    const trail: IndexNode<T>[] = [this.root];
    for (const segment of entry.compiled.indexSegments) {
      const child = trail.at(-1)!.children.get(segment);
      if (!child) return false;
      trail.push(child);
    }
    if (!this.bucket(trail.at(-1)!, entry).delete(entry)) return false;
    for (const node of trail) node.size--;
    const segments = entry.compiled.indexSegments;
    for (let depth = segments.length; depth > 0; depth--) {
      if (trail[depth]!.size === 0) trail[depth - 1]!.children.delete(segments[depth - 1]!);
    }
    return true;
  }

  /** Entries covering this (folded, normalised) path. */
  matching(path: string): T[] {
    const segments = path.split('/');
    const found: T[] = [];
    let node: IndexNode<T> | undefined = this.root;
    for (let depth = 0; node; depth++) {
      for (const entry of node.directories) found.push(entry);
      for (const entry of node.globs) if (entry.compiled.matches(path)) found.push(entry);
      if (depth === segments.length) {
        for (const entry of node.files) found.push(entry);
        break;
      }
      node = node.children.get(segments[depth]!);
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
      for (const entry of node.files) found.push(entry);
      for (const entry of node.directories) found.push(entry);
      for (const entry of node.globs) found.push(entry);
    };
    let node: IndexNode<T> | undefined = this.root;
    for (const segment of target.indexSegments) {
      collect(node);
      node = node.children.get(segment);
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
      for (const child of next.children.values()) stack.push(child);
    }
    return found;
  }
}
