/**
 * The review (the original agent-review.sh, done properly): the working tree's changes grouped by
 * the agent that made them, with line stats, what changed while Switchyard was not running, the
 * unattributed rest, the conflicts, and which commit strategy fits.
 */
import type { Agent } from '../../shared/domain';
import type { ReviewGroup, ReviewReport } from '../../shared/changes';
import type { Conflict } from '../../shared/conflicts';
import type { AttributionEntry } from './attribution-entry';
import { readWorktreeStatus, type WorktreeChange } from '../git/worktree-status';
import type { IsolatedChanges } from '../worktrees/isolated-changes';

const OFFLINE_KEY = 'offline';
const UNATTRIBUTED_KEY = 'unattributed';
export const OFFLINE_NAME = 'changed while Switchyard was not running';
/** How a Codex outside Switchyard is named where its changes are grouped (as in conflicts). */
export const unmanagedName = (pid: number): string => `unmanaged Codex (pid ${pid})`;

export async function buildReviewReport(
  repo: string,
  agents: readonly Agent[],
  attribution: readonly AttributionEntry[],
  conflicts: readonly Conflict[],
  /** Isolated agents' changes in their own worktrees (RepoChanges.isolatedChanges). */
  isolated: IsolatedChanges = new Map(),
): Promise<ReviewReport> {
  return reviewOf(await readWorktreeStatus(repo), agents, attribution, conflicts, isolated);
}

/** Pure: the report for a working tree's changes and who made them. */
export function reviewOf(
  worktree: readonly WorktreeChange[],
  agents: readonly Agent[],
  attribution: readonly AttributionEntry[],
  conflicts: readonly Conflict[],
  /** Isolated agents' changes in their own worktrees, by agent id: theirs by construction. */
  isolated: IsolatedChanges = new Map(),
): ReviewReport {
  const writers = new Map<string, AttributionEntry[]>();
  for (const entry of attribution) writers.set(entry.path, [...(writers.get(entry.path) ?? []), entry]);
  const groups = new Map<string, ReviewGroup>();
  const groupOf = (agentId: string | null, offline: boolean, unmanagedPid?: number): ReviewGroup => {
    const key = agentId !== null ? `agent:${agentId}` : offline ? OFFLINE_KEY : unmanagedPid !== undefined ? `pid:${unmanagedPid}` : UNATTRIBUTED_KEY;
    let group = groups.get(key);
    if (!group) {
      const agent = agents.find((a) => a.id === agentId);
      const nobody = offline ? OFFLINE_NAME : unmanagedPid !== undefined ? unmanagedName(unmanagedPid) : 'unattributed';
      const name = agent?.name ?? agentId ?? nobody;
      group = { agentId, name, task: agent?.task ?? null, offline, files: [], added: 0, removed: 0 };
      groups.set(key, group);
    }
    return group;
  };
  let shared = 0;
  for (const change of worktree) {
    const entries = writers.get(change.path) ?? (change.oldPath ? writers.get(change.oldPath) : undefined) ?? [];
    const byAgents = entries.filter((e) => e.agentId !== null);
    // A change made while Switchyard was not running is shown as such, even beside an agent's.
    const offline = entries.filter((e) => e.agentId === null && e.attribution === 'offline');
    // So is a change by a Codex outside Switchyard: the user sees whose it was before committing it.
    const unmanaged = entries.filter((e) => e.agentId === null && e.unmanagedPid !== undefined);
    const named = [...byAgents, ...offline, ...unmanaged];
    const owners: AttributionEntry[] = named.length > 0 ? named : [{ path: change.path, agentId: null, attribution: 'unattributed' }];
    if (byAgents.length > 1) shared += 1;
    for (const owner of owners) {
      const group = groupOf(owner.agentId, owner.attribution === 'offline', owner.unmanagedPid);
      const file = { path: change.path, attribution: owner.attribution, added: change.added, removed: change.removed };
      group.files.push(owner.unmanagedPid === undefined ? file : { ...file, unmanagedPid: owner.unmanagedPid });
      group.added += change.added;
      group.removed += change.removed;
    }
  }
  for (const [agentId, changes] of isolated) {
    for (const change of changes) {
      const group = groupOf(agentId, false);
      group.files.push({ path: change.path, attribution: 'exact', added: change.added, removed: change.removed, isolated: true });
      group.added += change.added;
      group.removed += change.removed;
    }
  }
  const rank = (g: ReviewGroup): number => (g.agentId !== null ? 0 : g.offline ? 1 : 2);
  const ordered = [...groups.values()].sort((a, b) => {
    if (a.agentId === null || b.agentId === null) return rank(a) - rank(b);
    return agentOrder(agents, a.agentId) - agentOrder(agents, b.agentId);
  });
  for (const group of ordered) group.files.sort((a, b) => a.path.localeCompare(b.path));
  return { groups: ordered, conflicts: [...conflicts], strategy: suggestStrategy(ordered, shared) };
}

function agentOrder(agents: readonly Agent[], id: string): number {
  const index = agents.findIndex((a) => a.id === id);
  return index < 0 ? agents.length : index;
}

function suggestStrategy(groups: readonly ReviewGroup[], shared: number): ReviewReport['strategy'] {
  // Isolated work is brought back from its branch, not committed from the shared tree.
  const agentGroups = groups.filter((g) => g.agentId !== null && g.files.some((f) => !f.isolated)).length;
  if (agentGroups === 0) return { suggested: 'single', reason: 'No change is attributed to an agent.' };
  if (agentGroups === 1) return { suggested: 'single', reason: 'One agent made the changes.' };
  if (shared > 0) {
    return {
      suggested: 'per-agent',
      reason: `${agentGroups} agents changed separate files, but ${shared} file(s) were changed by several: decide those in the commit wizard, or commit everything at once.`,
    };
  }
  return { suggested: 'per-agent', reason: `${agentGroups} agents changed separate files: one commit per agent keeps history reviewable.` };
}
