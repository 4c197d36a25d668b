/**
 * What the commit wizard needs of isolated agents' branches: their groups for a plan, one group
 * read again for another mode, one path's diff as bringing it back would make it, and the run that
 * brings the included groups back. Bringing a branch back is built on this folder's machinery
 * (publishing, unit commits), so it lives above it, in isolation/; the router passes it in, and
 * commit/ never imports isolation/.
 */
import type { Agent } from '../../shared/domain';
import type { BringBackMode, CommitPlan, IsolatedGroup } from './commit-plan';
import type { CommitStop, CommittedUnit } from './commit-result';

export interface IsolatedPreviews {
  groups: IsolatedGroup[];
  warnings: string[];
}

export interface BringBackRun {
  committed: CommittedUnit[];
  skipped: Array<{ groupIds: string[]; title: string; reason: string }>;
  /** Ids of the groups brought back (or found to have nothing new). */
  done: string[];
  stop: CommitStop | null;
  head: string;
}

export interface BringBackRunOptions {
  agents: readonly Agent[];
  /** Where the shared branch must be when the first group is brought back. */
  expected: { ref: string | null; commit: string };
  onGroup?: (group: IsolatedGroup, index: number) => void;
}

export interface IsolatedBranches {
  preview(repo: string, head: string | null, agents: readonly Agent[], options: { conventional: boolean; messageFromTask: boolean }): Promise<IsolatedPreviews>;
  refresh(repo: string, plan: CommitPlan, groupId: string, agents: readonly Agent[]): Promise<CommitPlan>;
  diff(repo: string, groupId: string, mode: BringBackMode, path: string, agents: readonly Agent[]): Promise<{ diff: string; conflicted: boolean }>;
  bringBack(repo: string, groups: readonly IsolatedGroup[], options: BringBackRunOptions): Promise<BringBackRun>;
}

/** For a commit service that offers no isolated branches (tests of the shared groups alone). */
export const NO_ISOLATED_BRANCHES: IsolatedBranches = {
  preview: () => Promise.resolve({ groups: [], warnings: [] }),
  refresh: (_repo, plan) => Promise.resolve(plan),
  diff: () => Promise.resolve({ diff: '', conflicted: false }),
  bringBack: (_repo, _groups, options) => Promise.resolve({ committed: [], skipped: [], done: [], stop: null, head: options.expected.commit }),
};
