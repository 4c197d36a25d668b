/**
 * What discarding an isolated agent's worktree and branch would lose: files of the worktree not
 * committed, commits of the branch the shared branch does not have, and the files those change.
 * Read-only (its uncommitted work is built as an unreachable commit to be diffed).
 */
import fs from 'node:fs';
import { firstLine, gitRead, runGit } from '../git/git-runner';
import { splitNul } from '../git/nul-fields';
import { resolveCommit, treeOf } from '../git/head-state';
import { mergeCommits } from './tree-merge';
import { commitsNotIn, type BranchCommit } from './branch-commits';
import { changedPaths, readBranchState, type IsolatedAgent } from './isolated-preview';

export interface WorktreeLoss {
  /** Files in the worktree not committed on the branch. */
  uncommitted: string[];
  /** Commits of the branch the shared tree's current commit does not contain. */
  commits: BranchCommit[];
  /** Files the branch and its uncommitted work change that the shared branch does not have. */
  files: string[];
  /** What git ignores in the worktree (`node_modules/`, `.env`): removed too, not counted as work. */
  ignored: string[];
  /** Whether the worktree folder and the branch still exist. */
  worktreeExists: boolean;
  branchExists: boolean;
  /**
   * The branch's commits are not in the current branch's history but their changes are (it was
   * squashed or cherry-picked back): merging it would change nothing.
   */
  contentMerged: boolean;
}

export const losesNothing = (loss: WorktreeLoss): boolean => loss.contentMerged || (loss.uncommitted.length === 0 && loss.commits.length === 0);

export async function readWorktreeLoss(repo: string, agent: IsolatedAgent): Promise<WorktreeLoss> {
  const [loss, ignored] = await Promise.all([readWork(repo, agent), ignoredIn(agent.workspace.path)]);
  return { ...loss, ignored };
}

/** Top-level entries git ignores in the worktree (a folder once, as `node_modules/`); none when it is gone. */
async function ignoredIn(worktree: string): Promise<string[]> {
  if (!fs.existsSync(worktree)) return [];
  return splitNul(await gitRead(worktree, ['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory'])).sort();
}

async function readWork(repo: string, agent: IsolatedAgent): Promise<Omit<WorktreeLoss, 'ignored'>> {
  const worktreeExists = fs.existsSync(agent.workspace.path);
  const state = await readBranchState(repo, agent);
  if (state.tip === null || state.effectiveTip === null) {
    if (worktreeExists) return lossOfWorktreeWithoutBranch(repo, agent.workspace.path);
    return { uncommitted: [], commits: [], files: [], worktreeExists, branchExists: false, contentMerged: false };
  }
  const head = await resolveCommit(repo, 'HEAD');
  const commits = await commitsNotIn(repo, state.tip, head);
  if (commits.length === 0 && state.uncommitted.length === 0) return { uncommitted: [], commits, files: [], worktreeExists, branchExists: true, contentMerged: false };
  if (head !== null && (await mergesToNothing(repo, head, state.effectiveTip))) {
    return { uncommitted: state.uncommitted, commits, files: [], worktreeExists, branchExists: true, contentMerged: true };
  }
  const base = head === null ? null : await mergeBase(repo, head, state.effectiveTip);
  const files = base === null ? state.uncommitted : await changedPaths(repo, base, state.effectiveTip);
  return { uncommitted: state.uncommitted, commits, files, worktreeExists, branchExists: true, contentMerged: false };
}

/**
 * The branch is gone (renamed or deleted inside the worktree, e.g. by the agent's own git) but its
 * folder is not: what the worktree holds beyond the shared branch would be lost, so it is measured
 * from the worktree's own HEAD and files. Never "nothing to lose" by default.
 */
async function lossOfWorktreeWithoutBranch(repo: string, worktree: string): Promise<Omit<WorktreeLoss, 'ignored'>> {
  const [head, own] = await Promise.all([resolveCommit(repo, 'HEAD'), resolveCommit(worktree, 'HEAD').catch(() => null)]);
  const commits = own === null ? [] : await commitsNotIn(repo, own, head);
  const [tracked, untracked] = await Promise.all([
    own === null ? Promise.resolve([]) : gitRead(worktree, ['diff', '--name-only', '-z', own, '--']).then(splitNul),
    gitRead(worktree, ['ls-files', '-z', '--others', '--exclude-standard']).then(splitNul),
  ]);
  const uncommitted = [...new Set([...tracked, ...untracked])].sort();
  const files = own === null || head === null ? uncommitted : [...new Set([...(await changedPaths(repo, head, own)), ...uncommitted])].sort();
  return { uncommitted, commits, files, worktreeExists: true, branchExists: false, contentMerged: false };
}

/** Merging `tip` into `head` would give `head`'s own tree: every change of it is there already. */
async function mergesToNothing(repo: string, head: string, tip: string): Promise<boolean> {
  const [merged, headTree] = await Promise.all([mergeCommits(repo, head, tip), treeOf(repo, head)]);
  return merged.conflicts.length === 0 && merged.tree === headTree;
}

async function mergeBase(repo: string, a: string, b: string): Promise<string | null> {
  const out = await runGit(repo, ['merge-base', a, b], { optionalLocks: false, okExitCodes: [1] });
  return out.exitCode === 0 ? firstLine(out.stdout) : null;
}

/** "3 files changed (a.ts, b.ts, c.ts), 2 commits not on main (…)" for the CLI and the UI's question. */
export function describeLoss(loss: WorktreeLoss, branchName: string): string {
  const ignored = loss.ignored.length > 0 ? ` Removing the worktree also deletes what git ignores there (${listOf(loss.ignored)}).` : '';
  return describeWork(loss, branchName) + ignored;
}

function describeWork(loss: WorktreeLoss, branchName: string): string {
  if (loss.contentMerged) {
    return `Nothing would be lost: the changes of ${branchName} are on the current branch (brought back by squash or cherry-pick), though its ${count(loss.commits.length, 'commit')} ${loss.commits.length === 1 ? 'is' : 'are'} not in its history.`;
  }
  if (losesNothing(loss)) return `Nothing would be lost: every change of ${branchName} is on the current branch.`;
  const parts: string[] = [];
  if (loss.files.length > 0) parts.push(`${count(loss.files.length, 'file')} changed (${listOf(loss.files)})`);
  if (loss.commits.length > 0) parts.push(`${count(loss.commits.length, 'commit')} not merged into the current branch (${listOf(loss.commits.map((c) => `${c.sha.slice(0, 7)} ${c.title}`))})`);
  if (loss.uncommitted.length > 0) parts.push(`${count(loss.uncommitted.length, 'file')} never committed (${listOf(loss.uncommitted)})`);
  const gone = loss.branchExists ? '' : `Its branch ${branchName} no longer exists (renamed or deleted in its worktree). `;
  return `${gone}Discarding ${branchName} would lose ${parts.join('; ')}.`;
}

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

function listOf(items: readonly string[]): string {
  const shown = items.slice(0, 5).join(', ');
  return items.length > 5 ? `${shown} and ${items.length - 5} more` : shown;
}
