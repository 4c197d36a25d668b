/**
 * The order commits are made in: an agent that waited for another (`after`) commits after it,
 * otherwise earlier launches first. Dependencies through agents without changes still count.
 * A dependency cycle (which the queue refuses, but a registry could hold) falls back to launch order.
 */

export interface OrderedAgent {
  id: string;
  after: readonly string[];
  /** ISO time; compared as text, which orders ISO times correctly. */
  startedAt: string;
}

const byLaunch = (a: OrderedAgent, b: OrderedAgent): number => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id);

/** Every agent id in commit order (a topological order of `after`, ties by launch time). */
export function orderAgents(agents: readonly OrderedAgent[]): string[] {
  const byId = new Map(agents.map((a) => [a.id, a]));
  const waitingOn = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const agent of agents) {
    const known = [...new Set(agent.after)].filter((id) => byId.has(id) && id !== agent.id);
    waitingOn.set(agent.id, known.length);
    for (const id of known) dependents.set(id, [...(dependents.get(id) ?? []), agent.id]);
  }
  const ready = agents.filter((a) => waitingOn.get(a.id) === 0);
  const order: string[] = [];
  while (ready.length > 0) {
    ready.sort(byLaunch);
    const next = ready.shift()!;
    order.push(next.id);
    for (const id of dependents.get(next.id) ?? []) {
      const left = waitingOn.get(id)! - 1;
      waitingOn.set(id, left);
      if (left === 0) ready.push(byId.get(id)!);
    }
  }
  // Whatever is left sits on a cycle: launch order is the only fair order among them.
  const placed = new Set(order);
  order.push(...agents.filter((a) => !placed.has(a.id)).sort(byLaunch).map((a) => a.id));
  return order;
}
