/**
 * Agent names are unique in a repository (among queued, running and ended agents alike), so a
 * toast, the activity log and `switchyard stop NAME` each mean one agent. A launch under a name
 * that is taken gets the first free " (2)", " (3)"… suffix; a rename to a taken name is refused.
 */
import type { Agent } from '../../shared/domain';
import { SwitchyardError } from '../../shared/result';

/** The contract's limit on a name (LaunchInputSchema); a suffixed name is cut to stay within it. */
export const MAX_AGENT_NAME_LENGTH = 80;

/** "Fix auth" and "fix auth" would read as the same agent in a toast, so they clash. */
const nameKey = (name: string): string => name.trim().toLocaleLowerCase();

/** "fix (2)" asked for again is counted on from "fix", not suffixed to "fix (2) (2)". */
const SUFFIXED = /^(.*\S) \((\d+)\)$/;

/** The name a new agent gets: `wanted` when no other agent has it, else the first free suffixed one. */
export function uniqueAgentName(wanted: string, agents: readonly Pick<Agent, 'name'>[]): string {
  const taken = new Set(agents.map((agent) => nameKey(agent.name)));
  if (!taken.has(nameKey(wanted))) return wanted;
  const base = SUFFIXED.exec(wanted)?.[1] ?? wanted;
  for (let n = 2; ; n += 1) {
    const suffix = ` (${n})`;
    const candidate = `${base.slice(0, MAX_AGENT_NAME_LENGTH - suffix.length).trimEnd()}${suffix}`;
    if (!taken.has(nameKey(candidate))) return candidate;
  }
}

/** Refuses `name` for agent `id` when another agent of the repository already has it. */
export function requireFreeName(id: string, name: string, agents: readonly Pick<Agent, 'id' | 'name'>[]): void {
  const holder = agents.find((agent) => agent.id !== id && nameKey(agent.name) === nameKey(name));
  if (holder) {
    throw new SwitchyardError('invalid-input', `Another agent is already named "${holder.name}" (${holder.id}); choose another name or remove that agent first.`);
  }
}
