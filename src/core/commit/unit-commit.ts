/**
 * Makes one commit of a run on the run's temporary index (which always holds the parent's tree):
 * exactly this unit's paths as the working-tree snapshot has them (split files: only the hunks
 * committed so far) are set, the hooks check it, `commit-tree` writes it, and the commit is
 * published (branch moved by compare-and-swap, the user's index updated for committed paths only).
 * Without hooks to run, publishing is left to the caller (`built`), which publishes the run's
 * commits together: nothing else needs to see each one on the branch.
 */
import fs from 'node:fs';
import { runCommitHook, type CommitHookName } from './commit-hooks';
import type { CommitUnit } from './commit-units';
import type { CommitStep, CommitStop, CommittedUnit } from './commit-result';
import { finalMessage } from './commit-message-file';
import { firstLine, gitRead, gitWrite } from '../git/git-runner';
import { indexInfoInput, parseRawDiff, parseRawDiffSections, type EntryMap, type IndexEntry, type TreeChange } from '../git/index-entries';
import { IndexInstallError, publishCommits } from './publish-commit';
import type { RepoFacts } from '../git/repo-facts';
import { indexEnv, type ScratchDir } from '../git/scratch-dir';
import { splitContentFor, writeBlob, type SplitFile } from './split-files';
import type { TreeBuilder } from './tree-builder';

export interface UnitContext {
  repo: string;
  facts: RepoFacts;
  scratch: ScratchDir;
  /** The run's temporary index; it holds `parentTree` when the unit starts. Unused with `trees`. */
  indexFile: string;
  /** Set when no hook runs: trees are built in memory instead of through the temporary index. */
  trees: TreeBuilder | null;
  snapshot: EntryMap;
  splits: ReadonlyMap<string, SplitFile>;
  /** Groups already committed (earlier units, earlier runs): their hunks are in the parent. */
  committedGroupIds: ReadonlySet<string>;
  parent: string | null;
  /** The parent's tree, or the empty tree before the first commit. */
  parentTree: string;
  headRef: string | null;
  /** The installed hooks to run; empty when the user chose to skip hooks. */
  hooks: ReadonlySet<CommitHookName>;
  /** Publish this commit now (hooks see each commit on the branch, as with `git commit`), or return it built. */
  publish: boolean;
  lockWaitMs?: number;
  step: (step: CommitStep) => void;
}

export type UnitOutcome =
  /** `stop` is set when the commit was made but the user's index could not follow. */
  | { kind: 'committed'; commit: CommittedUnit; stop?: CommitStop }
  /** Made but not yet on the branch (`publish: false`): the caller publishes it; its `files` are filled in then. */
  | { kind: 'built'; commit: CommittedUnit; reflogMessage: string }
  | { kind: 'skipped'; reason: string }
  | { kind: 'stopped'; stop: CommitStop };

/** Git's commit reflog says "commit: <subject>"; ours says who made it. */
const REFLOG_PREFIX = 'switchyard: commit';
const NOTHING_TO_COMMIT = 'its files no longer differ from the commit before it';

export function reflogMessageFor(unit: Pick<CommitUnit, 'title'>, message: string): string {
  return `${REFLOG_PREFIX} (${unit.title}): ${message.split('\n', 1)[0]!}`;
}

/** One entry for a chain of commits published at once. */
export function chainReflogMessage(titles: readonly string[]): string {
  return `${REFLOG_PREFIX} ${titles.length} commits (${titles.join(', ')})`;
}

export async function commitUnit(unit: CommitUnit, ctx: UnitContext, unitNumber: number): Promise<UnitOutcome> {
  const { repo, facts } = ctx;
  const env = indexEnv(ctx.indexFile);
  const stop = (kind: CommitStop['kind'], step: CommitStep, message: string, output?: string): UnitOutcome => ({
    kind: 'stopped',
    stop: { kind, step, message, groupIds: unit.groupIds, ...(output === undefined ? {} : { output }) },
  });

  ctx.step('stage');
  const entries = await unitEntries(unit, ctx);
  const writeTree = async () => firstLine((await gitWrite(repo, ['write-tree'], { env })).stdout);
  let tree: string;
  if (ctx.trees) {
    for (const [path, entry] of entries) ctx.trees.set(path, entry);
    tree = await ctx.trees.write();
  } else {
    await gitWrite(repo, ['update-index', '-z', '--add', '--replace', '--index-info'], { env, input: indexInfoInput(entries, facts.zeroId) });
    tree = await writeTree();
  }
  if (tree === ctx.parentTree) return { kind: 'skipped', reason: NOTHING_TO_COMMIT };

  // Without an index (ctx.trees) there are no hooks that could change one.
  const indexBeforeHooks = ctx.trees ? '' : fileIdentity(ctx.indexFile);
  let hookOutput = '';
  if (ctx.hooks.has('pre-commit')) {
    ctx.step('pre-commit');
    const outcome = await runCommitHook(repo, 'pre-commit', [], env);
    hookOutput += outcome.output;
    if (!outcome.ok) return stop('hook-failed', 'pre-commit', `The pre-commit hook refused ${unit.title} (exit ${outcome.exitCode}); fix what it reports, then continue.`, outcome.output);
  }

  ctx.step('message');
  const message = await finalMessage(repo, unit.message, ctx.scratch.file(`message-${unitNumber}`), ctx.hooks, env);
  if (!message.ok) return stop('hook-failed', 'message', `The ${message.hook} hook refused the message of ${unit.title} (exit ${message.exitCode}); edit the message or fix the hook, then continue.`, message.output);
  hookOutput += message.hookOutput;
  if (message.message === '') return stop('empty-message', 'message', `The message of ${unit.title} is empty; write one, then continue.`);

  ctx.step('commit');
  // As `git commit` does, the tree is taken after the hooks: a pre-commit hook may restage files.
  if (!ctx.trees && fileIdentity(ctx.indexFile) !== indexBeforeHooks) tree = await writeTree();
  if (tree === ctx.parentTree) return { kind: 'skipped', reason: NOTHING_TO_COMMIT };
  const parentArgs = ctx.parent === null ? [] : ['-p', ctx.parent];
  const signArgs = facts.signCommits ? ['-S'] : [];
  const commitTree = gitWrite(repo, ['commit-tree', ...signArgs, tree, ...parentArgs], { input: message.message });
  const reflogMessage = reflogMessageFor(unit, message.message);
  // Unpublished commits get their changes from one diff-tree for the whole chain (changesOfChain).
  if (!ctx.publish) {
    const sha = firstLine((await commitTree).stdout);
    return { kind: 'built', commit: committedUnit(unit, sha, tree, ctx.parent, message.message, [], hookOutput), reflogMessage };
  }
  const [commitOut, diffOut] = await Promise.all([commitTree, gitRead(repo, ['diff-tree', ...DIFF_TREE_ARGS, ctx.parentTree, tree])]);
  const sha = firstLine(commitOut.stdout);
  const committed = parseRawDiff(diffOut, facts.zeroId);
  const commit = committedUnit(unit, sha, tree, ctx.parent, message.message, committed, hookOutput);

  ctx.step('publish');
  try {
    [commit.replacedStaged = []] = await publishCommits(repo, facts, {
      expected: { ref: ctx.headRef, commit: ctx.parent },
      commits: [{ sha, committed }],
      reflogMessage,
      ...(ctx.lockWaitMs === undefined ? {} : { lockWaitMs: ctx.lockWaitMs }),
    });
  } catch (error) {
    if (!(error instanceof IndexInstallError)) throw error;
    return { kind: 'committed', commit, stop: { kind: 'index-update-failed', step: 'publish', message: error.message, groupIds: unit.groupIds } };
  }
  if (ctx.hooks.has('post-commit')) {
    ctx.step('post-commit');
    // Like git: post-commit cannot undo the commit; its failure is only reported.
    const outcome = await runCommitHook(repo, 'post-commit', [], {});
    commit.hookOutput += outcome.output;
    if (!outcome.ok) commit.warnings.push(`The post-commit hook failed (exit ${outcome.exitCode}) after ${sha.slice(0, 12)} was committed; the commit stays.`);
  }
  return { kind: 'committed', commit };
}

const DIFF_TREE_ARGS = ['-r', '-z', '--raw', '--no-renames', '--full-index'];

function committedUnit(unit: CommitUnit, sha: string, tree: string, parent: string | null, message: string, committed: readonly TreeChange[], hookOutput: string): CommittedUnit {
  return {
    sha,
    tree,
    parent,
    groupIds: unit.groupIds,
    agentIds: unit.agentIds,
    title: unit.title,
    message,
    files: committed.map((c) => c.path),
    replacedStaged: [],
    hookOutput,
    warnings: [],
  };
}

/** Each commit's changes against its parent tree, for a chain of commits, in one diff-tree. */
export async function changesOfChain(repo: string, zeroId: string, pairs: ReadonlyArray<{ from: string; to: string }>): Promise<TreeChange[][]> {
  const out = await gitRead(repo, ['diff-tree', '--stdin', ...DIFF_TREE_ARGS], { input: pairs.map((p) => `${p.from} ${p.to}\n`).join('') });
  const sections = parseRawDiffSections(out, zeroId);
  return pairs.map((p) => sections.get(`${p.from} ${p.to}`) ?? []);
}

/** git replaces an index by renaming a new file over it, so a rewrite changes the inode. */
function fileIdentity(file: string): string {
  const info = fs.statSync(file, { bigint: true });
  return `${info.ino}:${info.mtimeNs}:${info.size}`;
}

/** What the temporary index gets for each of the unit's paths (null: the path is removed). */
async function unitEntries(unit: CommitUnit, ctx: UnitContext): Promise<Array<[string, IndexEntry | null]>> {
  const entries: Array<[string, IndexEntry | null]> = [];
  for (const file of unit.wholeFiles) {
    entries.push([file.path, ctx.snapshot.get(file.path) ?? null]);
    // A rename removes its old path, unless a file is there again (then it is a change of its own).
    if (file.oldPath && !ctx.snapshot.get(file.oldPath)) entries.push([file.oldPath, null]);
  }
  const included = new Set([...ctx.committedGroupIds, ...unit.groupIds]);
  for (const path of unit.splitPaths) {
    const split = ctx.splits.get(path);
    if (!split) continue;
    const content = splitContentFor(split, included);
    entries.push([path, content === null ? null : { mode: split.mode, blob: await writeBlob(ctx.repo, content) }]);
  }
  return entries;
}
