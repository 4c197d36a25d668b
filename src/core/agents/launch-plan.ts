/**
 * The checks that keep the queue's dependencies sound. A launch: the agents it waits for exist,
 * waiting for them makes no cycle, and its name is unique (an isolated launch makes its worktree,
 * named by the planned id, between planning and queueing). A removal: it has ended, and no queued
 * agent still waits for it.
 */
import { isEnded, PENDING_STATUSES, type Agent } from '../../shared/domain';
import { SwitchyardError } from '../../shared/result';
import { newAgentId } from './agent-id';
import { uniqueAgentName } from './agent-names';
import { findCycle, resolveReferences } from './agent-queue';
import type { ParsedLaunch } from './queued-agent';

export interface LaunchPlan {
  id: string;
  name: string;
  after: string[];
}

export function planLaunch(request: ParsedLaunch, agents: readonly Agent[]): LaunchPlan {
  const after = resolveReferences(request.after, [...agents]);
  const name = uniqueAgentName(request.name, [...agents]);
  const id = newAgentId(name);
  requireNoCycle(id, after, agents);
  return { id, name, after };
}

/** Refuses dependencies for `id` that would make agents wait for each other for ever. */
export function requireNoCycle(id: string, after: readonly string[], agents: readonly Agent[]): void {
  const edges = new Map<string, readonly string[]>(agents.map((a) => [a.id, a.after]));
  edges.set(id, after);
  const cycle = findCycle(edges);
  if (!cycle) return;
  const names = cycle.map((c) => (c === id ? c : (agents.find((a) => a.id === c)?.name ?? c)));
  throw new SwitchyardError('invalid-input', `These dependencies form a cycle: ${names.join(' → ')}.`);
}

/** Refuses to forget an agent that runs or waits, or that a queued agent waits for (it would be blocked for good). */
export function requireRemovable(agent: Agent, agents: readonly Agent[]): void {
  if (!isEnded(agent.status)) {
    throw new SwitchyardError('invalid-input', `${agent.name} is ${agent.status}; stop it before removing it.`);
  }
  const dependants = agents.filter((other) => PENDING_STATUSES.includes(other.status) && other.after.includes(agent.id));
  if (dependants.length > 0) {
    throw new SwitchyardError(
      'invalid-input',
      `${dependants.map((d) => d.name).join(', ')} waits for ${agent.name}; cancel it or change what it waits for before removing ${agent.name}.`,
    );
  }
}
