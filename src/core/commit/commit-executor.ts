/**
 * Turns a commit plan into commits without disturbing the user's work: each commit is built on
 * a temporary index from one snapshot of the working tree, the branch moves only from where the
 * plan expects it, the user's index changes only for committed paths, and working-tree files are
 * never written. Any failure stops the run cleanly with what was and was not committed, and a
 * resume state that continues with the groups that are left.
 */
import { orderedGroups, type CommitPlan } from './commit-plan';
import type { CommitProgress, CommitRunResult, CommitStep, CommitStop, CommittedUnit, LeftChange, ResumeState } from './commit-result';
import { pathsOfUnits, unitsOf, type CommitUnit } from './commit-units';
import { GitError } from '../git/git-error';
import { describeHead, readHead, treeOf } from '../git/head-state';
import type { EntryMap } from '../git/index-entries';
import { IndexLockHeldError, INDEX_LOCK_WAIT_MS, waitUntilIndexFree } from '../git/index-lock';
import { splitNul } from '../git/nul-fields';
import { findInstalledHooks, type CommitHookName } from './commit-hooks';
import { gitRead, gitWrite } from '../git/git-runner';
import { findPlanProblems } from './plan-validation';
import { HeadMovedError, IndexInstallError, publishCommits } from './publish-commit';
import { readRepoFacts, type RepoFacts } from '../git/repo-facts';
import { withRepoMutex } from '../git/repo-mutex';
import { indexEnv, makeScratchDir, type ScratchDir } from '../git/scratch-dir';
import { prepareSplitFiles, type SplitPreparation } from './split-files';
import { runTestCommand, type TestCommand } from './test-command';
import { TreeBuilder } from './tree-builder';
import { chainReflogMessage, changesOfChain, commitUnit } from './unit-commit';
import { snapshotWorktree } from './worktree-snapshot';

export interface CommitOptions {
  /** The user chose to skip the repository's hooks (like `git commit --no-verify`, and no message hooks either). */
  skipHooks?: boolean;
  /** Run once before anything is committed; a failure stops the run. */
  testCommand?: TestCommand | null;
  onProgress?: (progress: CommitProgress) => void;
  /** A stopped run's `resume`: continue with the groups it did not commit. */
  resumeFrom?: ResumeState | null;
  /** How long to wait for another git's `index.lock` before giving up. */
  indexLockWaitMs?: number;
}

/** Stops after which the branch is no longer where the run left it: continuing needs a new plan. */
const STALE_STOPS: ReadonlySet<CommitStop['kind']> = new Set(['head-moved', 'ref-moved']);

/** `repo`: any folder of the repository's working tree. Never throws for an expected failure: see `result.stop`. */
export function executeCommitPlan(repo: string, plan: CommitPlan, options: CommitOptions = {}): Promise<CommitRunResult> {
  return withRepoMutex(repo, () => new CommitRun(repo, plan, options).run());
}

class CommitRun {
  private readonly committedBefore: Set<string>;
  private readonly committed: CommittedUnit[] = [];
  /** Commits made but not yet on the branch (no hooks to run): published together. */
  private pending: Array<{ commit: CommittedUnit; fromTree: string; reflogMessage: string; index: number }> = [];
  /** The commit the branch is at as far as this run knows: `head` minus the pending commits. */
  private publishedHead: string | null;
  private readonly skipped: CommitRunResult['skipped'] = [];
  private readonly warnings: string[] = [];
  private units: CommitUnit[] = [];
  private split: SplitPreparation = { files: new Map(), problems: [], unplanned: [] };
  private head: string | null;
  private step: CommitStep = 'check';
  private current: CommitUnit | null = null;
  // Set by prepare(), which runs before any commit.
  private facts!: RepoFacts;
  private snapshot: EntryMap = new Map();
  private hooks: ReadonlySet<CommitHookName> = new Set();
  private parentTree = '';
  private indexFile = '';
  private trees: TreeBuilder | null = null;

  constructor(
    /** Becomes the working tree's top folder once known: plan paths are relative to it. */
    private repo: string,
    private readonly plan: CommitPlan,
    private readonly options: CommitOptions,
  ) {
    this.committedBefore = new Set(options.resumeFrom?.committedGroupIds ?? []);
    this.head = options.resumeFrom ? options.resumeFrom.expectedHead : plan.base.commit;
    this.publishedHead = this.head;
  }

  async run(): Promise<CommitRunResult> {
    const scratch = makeScratchDir();
    this.indexFile = scratch.file('index');
    try {
      const stop = await this.prepare(scratch).catch((error: unknown) => this.stopFor(error));
      if (stop) return this.result(stop);
      for (let i = 0; i < this.units.length; i++) {
        const unitStop = await this.commitOne(this.units[i]!, i, scratch).catch((error: unknown) => this.stopFor(error));
        // What was made before a stop is published all the same; a failure to publish says more.
        if (unitStop) return this.result((await this.publishPending()) ?? unitStop);
      }
      return this.result(await this.publishPending());
    } finally {
      this.trees?.close();
      scratch.dispose();
    }
  }

  /** Every check that can refuse the run before anything is committed; returns the refusal. */
  private async prepare(scratch: ScratchDir): Promise<CommitStop | null> {
    const { units, pieces } = unitsOf(this.plan, this.committedBefore);
    this.units = units;
    const problems = findPlanProblems(this.plan);
    if (problems.length > 0) return this.stopWith('invalid-plan', `The plan is not consistent: ${problems.join(' ')}`);
    // Independent reads side by side: each git start costs more than the answer on a busy machine.
    const [facts, head] = await Promise.all([readRepoFacts(this.repo), readHead(this.repo)]);
    this.facts = facts;
    this.repo = this.facts.top;
    if (this.facts.operationInProgress) {
      return this.stopWith('operation-in-progress', `${this.facts.operationInProgress} is in progress; finish or abort it first (committing now would lose its state).`);
    }
    const ref = head.kind === 'branch' ? head.ref : null;
    if (ref !== this.plan.base.ref || head.commit !== this.head) {
      return this.stopWith(
        'head-moved',
        `The branch moved since the plan was made: it was ${this.plan.base.ref ?? 'a detached HEAD'} at ${this.head?.slice(0, 12) ?? 'no commit'}, now ${describeHead(head)} at ${head.commit?.slice(0, 12) ?? 'no commit'}. Nothing was committed; make the plan again.`,
      );
    }
    if (head.kind === 'detached') {
      this.warnings.push(`HEAD is detached at ${head.commit.slice(0, 12)}: the new commits are reachable only from HEAD. Create a branch (git switch -c <name>) before checking out anything else.`);
    }
    if (this.units.length === 0) return null;
    const paths = pathsOfUnits(this.units);
    const unmerged = await this.unmergedAmong(paths);
    if (unmerged.length > 0) return this.stopWith('unmerged-paths', `Resolve the merge conflicts in ${unmerged.join(', ')} first.`);
    // Fail fast while nothing has run: a held lock is reported now, not after the tests and hooks.
    await waitUntilIndexFree(this.facts.indexPath, this.lockWaitMs);

    if (this.options.testCommand) {
      this.progress('test', null);
      const test = await runTestCommand(this.repo, this.options.testCommand);
      if (!test.ok) {
        const why = test.timedOut ? 'timed out' : `failed (exit ${test.exitCode ?? 'signal'})`;
        return this.stopWith('test-failed', `The test command ${why}; nothing was committed in this run.`, test.output);
      }
    }

    const [hooks, startTree] = await Promise.all([this.options.skipHooks ? new Set<CommitHookName>() : findInstalledHooks(this.repo), treeOf(this.repo, this.head)]);
    this.hooks = hooks;
    this.progress('snapshot', null);
    this.parentTree = startTree ?? this.facts.emptyTree;
    [this.snapshot] = await Promise.all([
      snapshotWorktree(this.repo, scratch, startTree, paths),
      this.hooks.size === 0
        ? // No hook needs an index to look at: trees are built in memory (tree-builder.ts).
          TreeBuilder.open(this.repo, startTree, this.facts.emptyTree).then((trees) => void (this.trees = trees))
        : // One temporary index for the run: it starts at the branch's tree and follows each commit.
          gitWrite(this.repo, startTree === null ? ['read-tree', '--empty'] : ['read-tree', startTree], { env: indexEnv(this.indexFile) }),
    ]);
    this.split = await prepareSplitFiles(this.repo, this.plan.base.commit, this.snapshot, pieces);
    if (this.split.problems.length > 0) return this.stopWith('split-failed', this.split.problems.join(' '));
    return null;
  }

  private async commitOne(unit: CommitUnit, index: number, scratch: ScratchDir): Promise<CommitStop | null> {
    this.current = unit;
    const committedGroupIds = new Set([...this.committedBefore, ...this.committed.flatMap((c) => c.groupIds), ...this.pending.flatMap((p) => p.commit.groupIds)]);
    const outcome = await commitUnit(
      unit,
      {
        repo: this.repo,
        facts: this.facts,
        scratch,
        snapshot: this.snapshot,
        splits: this.split.files,
        committedGroupIds,
        indexFile: this.indexFile,
        trees: this.trees,
        parent: this.head,
        parentTree: this.parentTree,
        headRef: this.plan.base.ref,
        hooks: this.hooks,
        publish: this.hooks.size > 0,
        lockWaitMs: this.lockWaitMs,
        step: (step) => this.progress(step, index),
      },
      index,
    );
    if (outcome.kind === 'stopped') return outcome.stop;
    if (outcome.kind === 'skipped') this.skipped.push({ groupIds: unit.groupIds, title: unit.title, reason: outcome.reason });
    else if (outcome.kind === 'built') {
      this.pending.push({ commit: outcome.commit, fromTree: this.parentTree, reflogMessage: outcome.reflogMessage, index });
      this.head = outcome.commit.sha;
      this.parentTree = outcome.commit.tree;
    } else {
      this.committed.push(outcome.commit);
      this.head = outcome.commit.sha;
      this.publishedHead = this.head;
      this.parentTree = outcome.commit.tree;
      // The commit is made but something after it failed (the user's index could not be updated).
      if (outcome.stop) return outcome.stop;
    }
    this.current = null;
    return null;
  }

  /**
   * Puts the built commits on the branch in one step. If the branch moved meanwhile, none of
   * them is published (they stay unreachable objects) and the run stops as if at the first.
   */
  private async publishPending(): Promise<CommitStop | null> {
    const pending = this.pending;
    if (pending.length === 0) return null;
    this.pending = [];
    this.current = this.units[pending[0]!.index] ?? null;
    this.progress('publish', pending.at(-1)!.index);
    try {
      const changes = await changesOfChain(this.repo, this.facts.zeroId, pending.map((p) => ({ from: p.fromTree, to: p.commit.tree })));
      pending.forEach((p, i) => (p.commit.files = changes[i]!.map((c) => c.path)));
      const replaced = await publishCommits(this.repo, this.facts, {
        expected: { ref: this.plan.base.ref, commit: this.publishedHead },
        commits: pending.map((p, i) => ({ sha: p.commit.sha, committed: changes[i]! })),
        reflogMessage: pending.length === 1 ? pending[0]!.reflogMessage : chainReflogMessage(pending.map((p) => p.commit.title)),
        lockWaitMs: this.lockWaitMs,
      });
      pending.forEach((p, i) => (p.commit.replacedStaged = replaced[i] ?? []));
    } catch (error) {
      if (error instanceof IndexInstallError) {
        this.acceptPublished(pending);
        return { kind: 'index-update-failed', step: 'publish', message: error.message, groupIds: pending.flatMap((p) => p.commit.groupIds) };
      }
      this.head = this.publishedHead;
      return this.stopFor(error);
    }
    this.acceptPublished(pending);
    this.current = null;
    return null;
  }

  private acceptPublished(published: ReadonlyArray<{ commit: CommittedUnit }>): void {
    this.committed.push(...published.map((p) => p.commit));
    this.publishedHead = published.at(-1)!.commit.sha;
    this.head = this.publishedHead;
  }

  private get lockWaitMs(): number {
    return this.options.indexLockWaitMs ?? INDEX_LOCK_WAIT_MS;
  }

  private async unmergedAmong(paths: readonly string[]): Promise<string[]> {
    const wanted = new Set(paths);
    const records = splitNul(await gitRead(this.repo, ['ls-files', '-u', '-z']));
    return [...new Set(records.map((r) => r.slice(r.indexOf('\t') + 1)).filter((p) => wanted.has(p)))];
  }

  private progress(step: CommitStep, index: number | null): void {
    this.step = step;
    const unit = index === null ? null : this.units[index]!;
    this.options.onProgress?.({ step, unit: index === null ? 0 : index + 1, units: this.units.length, title: unit?.title ?? '', groupIds: unit?.groupIds ?? [] });
  }

  private stopWith(kind: CommitStop['kind'], message: string, output?: string): CommitStop {
    return { kind, message, step: this.step, groupIds: this.current?.groupIds ?? [], ...(output === undefined ? {} : { output }) };
  }

  /** Errors become stops with a message a person can act on; nothing is thrown past the run. */
  private stopFor(error: unknown): CommitStop {
    if (error instanceof IndexLockHeldError) return this.stopWith('index-locked', `${error.message} Nothing more was committed; continue when it is free.`);
    if (error instanceof HeadMovedError) return this.stopWith('head-moved', error.message);
    if (error instanceof GitError) {
      const kind = error.kind === 'ref-moved' ? 'ref-moved' : error.kind === 'identity-unknown' ? 'identity-unknown' : error.kind === 'index-locked' ? 'index-locked' : 'git-failed';
      return this.stopWith(kind, error.message, error.stderr);
    }
    return this.stopWith('internal', `Stopped by an unexpected error: ${(error as Error).message ?? String(error)}`);
  }

  private result(stop: CommitStop | null): CommitRunResult {
    const done = new Set([...this.committed.flatMap((c) => c.groupIds), ...this.skipped.flatMap((s) => s.groupIds)]);
    const notCommitted = this.units.filter((u) => !u.groupIds.every((id) => done.has(id)));
    const committedGroupIds = [...this.committedBefore, ...this.committed.flatMap((c) => c.groupIds)];
    const resumable = notCommitted.length > 0 && !(stop && STALE_STOPS.has(stop.kind));
    return {
      status: stop ? 'stopped' : 'completed',
      committed: this.committed,
      skipped: this.skipped,
      notCommitted: notCommitted.map((u) => ({ groupIds: u.groupIds, title: u.title, files: [...u.wholeFiles.map((f) => f.path), ...u.splitPaths] })),
      left: this.leftChanges(notCommitted),
      stop,
      warnings: this.warnings,
      head: this.head,
      resume: resumable ? { expectedHead: this.head, committedGroupIds } : null,
    };
  }

  private leftChanges(notCommitted: readonly CommitUnit[]): LeftChange[] {
    const left: LeftChange[] = [];
    for (const group of orderedGroups(this.plan)) for (const path of group.excluded) left.push({ path, reason: 'excluded', groupId: group.id });
    for (const file of this.plan.undecided) left.push({ path: file.path, reason: 'undecided', groupId: null });
    for (const unit of notCommitted) {
      for (const path of [...unit.wholeFiles.map((f) => f.path), ...unit.splitPaths]) left.push({ path, reason: 'not-committed', groupId: unit.id });
    }
    for (const { path, hunks } of this.split.unplanned) left.push({ path, reason: 'hunks-not-in-plan', groupId: null, hunks });
    return left;
  }
}
