/**
 * What every conflict rule needs from one snapshot: agents by id with the names people know them
 * by, and each path's agent writes in time order since the path was last restored (baseline and
 * unattributed changes left out, since nobody can be blamed for them).
 */
import { isEnded, type Agent } from '../../shared/domain';
import type { TrackedChange } from '../changes/change-types';
import type { ConflictInput } from './conflict-input';

/** One attributed change, the unit the overlap, violation and ping-pong rules reason about. */
export interface AgentWrite {
  agentId: string;
  change: TrackedChange;
}

export interface ConflictContext {
  input: ConflictInput;
  /** `agent "Ada"`, or a description of a writer nobody can name. */
  label(agentId: string | null): string;
  /** Known and not ended: stopping, pausing or messaging it can still do something. */
  isRunning(agentId: string | null): agentId is string;
  /** Attributed, non-baseline writes per path since its last restore, oldest first. */
  writes: ReadonlyMap<string, readonly AgentWrite[]>;
}

/** When a change happened for ordering: by its latest possible moment, the write is certainly done. */
export const changeTime = (change: TrackedChange): number => change.latest;

export const isBlameable = (change: TrackedChange): boolean =>
  change.evidence.rule !== 'baseline' && change.attribution !== 'unattributed' && change.agentId !== null;

export function byTime(a: TrackedChange, b: TrackedChange): number {
  return changeTime(a) - changeTime(b) || a.earliest - b.earliest || a.id - b.id;
}

export function buildContext(input: ConflictInput): ConflictContext {
  const agents = new Map<string, Agent>(input.agents.map((agent) => [agent.id, agent]));
  const writes = new Map<string, AgentWrite[]>();
  for (const change of [...input.changes].sort(byTime)) {
    // Writing a version (or a merge of two) back is the user's decision about the file: what came before is settled.
    if (change.evidence.rule === 'restore' || change.evidence.rule === 'merge') writes.delete(change.path);
    if (!isBlameable(change)) continue;
    const list = writes.get(change.path) ?? [];
    list.push({ agentId: change.agentId!, change });
    writes.set(change.path, list);
  }
  return {
    input,
    label: (agentId) => {
      if (agentId === null) return 'the user (or a writer outside Switchyard)';
      const agent = agents.get(agentId);
      return agent ? `agent "${agent.name}"` : `agent ${agentId}`;
    },
    isRunning: (agentId): agentId is string => {
      if (agentId === null) return false;
      const agent = agents.get(agentId);
      return agent !== undefined && !isEnded(agent.status);
    },
    writes,
  };
}

export const iso = (ms: number): string => new Date(ms).toISOString();

/** "a", "a and b", "a, b and c". */
export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)!}`;
}

/** Distinct values in first-seen order. */
export function distinct<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}
