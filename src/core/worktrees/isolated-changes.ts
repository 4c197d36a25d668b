/**
 * The changes of every isolated agent, each read from its own worktree against its base
 * (worktree-changes.ts). A worktree that is gone (removed, or its folder deleted) has none.
 */
import fs from 'node:fs';
import type { Agent } from '../../shared/domain';
import { worktreeChanges, type IsolatedChange } from './worktree-changes';

/** By agent id; only isolated agents whose worktree exists are in it. */
export type IsolatedChanges = ReadonlyMap<string, readonly IsolatedChange[]>;

export async function isolatedChangesOf(agents: readonly Pick<Agent, 'id' | 'workspace'>[]): Promise<IsolatedChanges> {
  const isolated = agents.filter((a) => a.workspace && fs.existsSync(a.workspace.path));
  const lists = await Promise.all(isolated.map((a) => worktreeChanges(a.workspace!).catch(() => [])));
  return new Map(isolated.map((a, i) => [a.id, lists[i]!]));
}
