/**
 * The launch queue's rules: which queued agent starts next (priority, then arrival), whether its
 * dependencies are met, why one still waits, and dependency cycles. Pure functions over the agent list.
 *
 * The limit counts agents on their task (see SLOT_STATUSES): one that finished its task and waits,
 * open, for the user does not keep a queued one from starting.
 *
 * A dependency is met when that agent finished its task: Codex completed its first turn (its
 * Stop hook), or it exited with code 0. An interactive Codex stays open after its task, so
 * "finished" cannot wait for the process to exit.
 */
import { holdsSlot, isEnded, type Agent } from '../../shared/domain';
import { SwitchyardError } from '../../shared/result';

export type DependencyState =
  | { kind: 'ready' }
  | { kind: 'waiting'; on: Agent[] }
  | { kind: 'blocked'; reason: string };

export const hasFinishedTask = (agent: Agent): boolean =>
  agent.completedTurns > 0 || (agent.status === 'exited' && agent.exitCode === 0);

export function dependencyState(agent: Agent, all: ReadonlyMap<string, Agent>): DependencyState {
  // A resumed agent (it has a Codex session) met its dependencies when it first ran; one removed since must not block it.
  if (agent.sessionId !== null) return { kind: 'ready' };
  const waiting: Agent[] = [];
  for (const id of agent.after) {
    const dep = all.get(id);
    if (!dep) return { kind: 'blocked', reason: `waits for ${id}, which no longer exists` };
    if (hasFinishedTask(dep)) continue;
    if (dep.status === 'blocked') return { kind: 'blocked', reason: `waits for ${dep.name} (${dep.id}), which is blocked` };
    if (isEnded(dep.status)) {
      return { kind: 'blocked', reason: `waits for ${dep.name} (${dep.id}), which ${dep.status} before finishing its task` };
    }
    waiting.push(dep);
  }
  return waiting.length > 0 ? { kind: 'waiting', on: waiting } : { kind: 'ready' };
}

/** Why a queued agent has not started, for its pane and the CLI. */
export function waitReason(state: DependencyState, working: number, limit: number): string | null {
  if (state.kind === 'waiting') {
    const names = state.on.map((dep) => `${dep.name} (${dep.id})`).join(', ');
    return `Waiting for ${names} to finish ${state.on.length === 1 ? 'its task' : 'their tasks'}.`;
  }
  if (state.kind === 'ready' && working >= limit) {
    return `Waiting: ${working} of ${limit} agents working (limit in Settings).`;
  }
  return null;
}

/** Queued agents in the order they should start: higher priority first, then earlier launch. */
export function queueOrder(agents: readonly Agent[]): Agent[] {
  return agents
    .filter((a) => a.status === 'queued')
    .sort((a, b) => b.priority - a.priority || a.startedAt.localeCompare(b.startedAt));
}

/** Agents that take a slot of the concurrency limit. */
export const workingCount = (agents: readonly Agent[]): number => agents.filter((a) => holdsSlot(a.status)).length;

/** Turns `--after` references (ids or unique names) into ids. */
export function resolveReferences(refs: readonly string[], agents: readonly Agent[]): string[] {
  return refs.map((ref) => {
    const byId = agents.find((a) => a.id === ref);
    if (byId) return byId.id;
    const byName = agents.filter((a) => a.name === ref);
    if (byName.length === 1) return byName[0]!.id;
    if (byName.length > 1) {
      throw new SwitchyardError('invalid-input', `${byName.length} agents are named "${ref}"; use an id: ${byName.map((a) => a.id).join(', ')}.`);
    }
    throw new SwitchyardError('invalid-input', `No agent "${ref}" to wait for in this repository.`);
  });
}

/** A dependency cycle as the list of ids that form it (first repeated at the end), or null. */
export function findCycle(edges: ReadonlyMap<string, readonly string[]>): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | null => {
    if (state.get(id) === 'done') return null;
    if (state.get(id) === 'visiting') return [...stack.slice(stack.indexOf(id)), id];
    state.set(id, 'visiting');
    stack.push(id);
    for (const next of edges.get(id) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(id, 'done');
    return null;
  };
  for (const id of edges.keys()) {
    const cycle = visit(id);
    if (cycle) return cycle;
  }
  return null;
}
