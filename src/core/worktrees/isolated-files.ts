/**
 * Isolated agents' changes as the lock/conflict map lists them: one entry per file under its real
 * place on disk (`.agents/worktrees/<id>/<path>`), marked isolated and exactly the agent's. They are
 * different files from the shared tree's, so no overlap with a shared agent's file is possible.
 */
import type { TouchedFile } from '../../shared/changes';
import type { IsolatedChanges } from './isolated-changes';
import { agentWorktreeRelative } from './worktree-paths';

const LAST_KIND = { added: 'add', deleted: 'delete' } as const;

export function isolatedTouchedFiles(changes: IsolatedChanges, readAt: number): TouchedFile[] {
  const at = new Date(readAt).toISOString();
  const files: TouchedFile[] = [];
  for (const [agentId, list] of changes) {
    for (const change of list) {
      files.push({
        path: `${agentWorktreeRelative(agentId)}/${change.path}`,
        touches: [{ agentId, attribution: 'exact', changes: 1, lastAt: at }],
        lastAgentId: agentId,
        lastKind: change.kind === 'added' || change.kind === 'deleted' ? LAST_KIND[change.kind] : 'modify',
        lastAt: at,
        claimedBy: [],
        baseline: false,
        versions: 0,
        isolated: true,
      });
    }
  }
  return files;
}

/** Whether two reads found the same files in the same states (so nothing needs announcing). */
export function sameIsolatedChanges(a: IsolatedChanges, b: IsolatedChanges): boolean {
  const key = (changes: IsolatedChanges): string =>
    JSON.stringify([...changes].sort(([x], [y]) => x.localeCompare(y)).map(([id, list]) => [id, list.map((c) => [c.path, c.kind, c.added, c.removed])]));
  return key(a) === key(b);
}
