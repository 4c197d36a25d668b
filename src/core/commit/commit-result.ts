/** What a commit run reports: what was committed, what was not and why, and how to continue. */
import type { HunkRange } from '../git/hunk-ranges';
import type { ReplacedStaged } from './publish-commit';

/** The steps of a run, in order; progress and stops name one. */
export type CommitStep = 'check' | 'test' | 'snapshot' | 'stage' | 'pre-commit' | 'message' | 'commit' | 'publish' | 'post-commit';

export type CommitStopKind =
  | 'invalid-plan'
  | 'operation-in-progress'
  | 'head-moved'
  | 'ref-moved'
  | 'unmerged-paths'
  | 'test-failed'
  | 'split-failed'
  | 'hook-failed'
  | 'empty-message'
  | 'index-locked'
  | 'identity-unknown'
  /** The commit was made and the branch moved, but the user's index could not be updated. */
  | 'index-update-failed'
  /** An isolated agent's branch does not merge cleanly onto the shared branch; nothing of it was committed. */
  | 'isolated-conflict'
  /** An isolated agent's branch changes files that hold uncommitted changes in the shared tree. */
  | 'shared-tree-busy'
  | 'git-failed'
  | 'internal';

export interface CommitStop {
  kind: CommitStopKind;
  /** What happened and what to do, for a person. */
  message: string;
  step: CommitStep;
  /** The groups of the commit that was being made, if any. */
  groupIds: string[];
  /** A hook's or the test command's output. */
  output?: string;
}

export interface CommittedUnit {
  sha: string;
  tree: string;
  parent: string | null;
  groupIds: string[];
  agentIds: Array<string | null>;
  title: string;
  message: string;
  /** Every path the commit changed (a rename's old path included). */
  files: string[];
  /** Staged versions the committed versions replaced in the user's index. */
  replacedStaged: ReplacedStaged[];
  /** Output of the hooks that ran (empty when they printed nothing). */
  hookOutput: string;
  warnings: string[];
}

export type LeftReason = 'excluded' | 'undecided' | 'not-committed' | 'hunks-not-in-plan';

/** A change still in the working tree after the run. */
export interface LeftChange {
  path: string;
  reason: LeftReason;
  groupId: string | null;
  /** For `hunks-not-in-plan`: the changes no planned hunk covered. */
  hunks?: HunkRange[];
}

/** Pass back to `executeCommitPlan` to commit the groups that are left. */
export interface ResumeState {
  /** The commit the branch must still be at. */
  expectedHead: string | null;
  committedGroupIds: string[];
}

export interface CommitRunResult {
  status: 'completed' | 'stopped';
  committed: CommittedUnit[];
  /** Units that had files but nothing different from their parent, so no commit was made. */
  skipped: Array<{ groupIds: string[]; title: string; reason: string }>;
  /** Units not committed in this run (after a stop). */
  notCommitted: Array<{ groupIds: string[]; title: string; files: string[] }>;
  left: LeftChange[];
  stop: CommitStop | null;
  warnings: string[];
  /** The branch's (or detached HEAD's) commit after the run. */
  head: string | null;
  /** Non-null when groups are left and the branch is where this run left it. */
  resume: ResumeState | null;
}

export interface CommitProgress {
  step: CommitStep;
  /** 1-based position of the commit being made, and how many the run makes. */
  unit: number;
  units: number;
  title: string;
  groupIds: string[];
}
