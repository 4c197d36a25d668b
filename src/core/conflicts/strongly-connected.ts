/** Strongly connected components of a directed graph, and the shortest cycle through an edge. */

export type Graph = ReadonlyMap<string, readonly string[]>;

/** Components with more than one node (a cycle), each sorted; iterative Tarjan, so deep graphs cannot overflow the stack. */
export function cyclicComponents(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const start of [...graph.keys()].sort()) {
    if (index.has(start)) continue;
    const work: Array<{ node: string; next: number }> = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work.at(-1)!;
      const edges = graph.get(frame.node) ?? [];
      if (frame.next < edges.length) {
        const target = edges[frame.next++]!;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work.at(-1);
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const component: string[] = [];
      let node: string;
      do {
        node = stack.pop()!;
        onStack.delete(node);
        component.push(node);
      } while (node !== frame.node);
      if (component.length > 1) components.push(component.sort());
    }
  }
  return components;
}

/**
 * The shortest cycle that uses the edge from → to, staying inside `within`: [from, to, …], each
 * importing the next and the last importing `from`. Null when no path leads back.
 */
export function shortestCycleThrough(graph: Graph, from: string, to: string, within: ReadonlySet<string>): string[] | null {
  const previous = new Map<string, string | null>([[to, null]]);
  const queue = [to];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    if (node === from) {
      const path: string[] = [];
      for (let at: string | null = from; at !== null; at = previous.get(at)!) path.push(at);
      // path runs from → … → to backwards along the BFS tree; reversed it is to … from.
      const forward = path.reverse();
      return [from, ...forward.slice(0, -1)];
    }
    for (const next of [...(graph.get(node) ?? [])].sort()) {
      if (!within.has(next) || previous.has(next)) continue;
      previous.set(next, node);
      queue.push(next);
    }
  }
  return null;
}
