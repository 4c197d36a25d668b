/**
 * The commit wizard's service: drafts a plan from the working tree, the agents and who changed
 * what; applies the user's edits; shows a path's diff; and runs the plan with progress, one run
 * at a time per repository. The contract's handlers (commit-handlers.ts) are thin calls into it.
 */
import fs from 'node:fs';
import type { PlanEdit } from '../../shared/commit';
import type { Agent } from '../../shared/domain';
import { SwitchyardError } from '../../shared/result';
import { planCommits, type AttributionEntry, type BringBackMode, type CommitPlan, type CommitStrategy, type PlanAgent } from './commit-plan';
import type { CommitProgress, CommitRunResult, ResumeState } from './commit-result';
import { executeCommitPlan } from './commit-executor';
import { describeHead } from '../git/head-state';
import { gitReadText } from '../git/git-runner';
import { applyPlanEdit } from './plan-edit';
import { excludeFile } from './plan-edits';
import { diffOfPath, type PathDiff } from './path-diff';
import { checkPlanPaths } from './plan-paths';
import { checkRepoPath } from '../repo/repo-path-guard';
import { readRepoFacts } from '../git/repo-facts';
import { readWorktreeState, type WorktreeChange } from '../git/worktree-status';
import { NO_ISOLATED_BRANCHES, type IsolatedBranches } from './isolated-branches';
import { runWithIsolated } from './isolated-run';

/** Where the service gets what it needs from the running core; functions, so it always reads the current state. */
export interface CommitServiceSources {
  /** The open repository (any folder of its working tree); throws when none is open. */
  repo(): string;
  agents(): readonly Agent[];
  attribution(): readonly AttributionEntry[] | Promise<readonly AttributionEntry[]>;
  /** The repository's `testCommand` setting: a shell line, or null. */
  testCommand(): string | null;
  onProgress(progress: CommitProgress): void;
  /** Isolated agents' branches (isolation/isolated-branches.ts); none offered when absent. */
  isolated?: IsolatedBranches;
}

export interface PlanRequest {
  strategy: CommitStrategy;
  conventional: boolean;
  /** Draft messages from each agent's task; otherwise from its name and files only. */
  messageFromTask: boolean;
}

export interface RunRequest {
  plan: CommitPlan;
  skipHooks: boolean;
  /** Run the repository's test command first, when one is set. */
  runTests: boolean;
  resume?: ResumeState | undefined;
}

/** Repositories (by real path) with a commit run in progress, across every service in this process. */
const running = new Set<string>();

export class CommitService {
  private readonly isolated: IsolatedBranches;

  constructor(private readonly sources: CommitServiceSources) {
    this.isolated = sources.isolated ?? NO_ISOLATED_BRANCHES;
  }

  async plan(request: PlanRequest): Promise<{ plan: CommitPlan; warnings: string[] }> {
    const repo = this.sources.repo();
    const [{ head, changes }, facts] = await Promise.all([readWorktreeState(repo), readRepoFacts(repo)]);
    const attribution = await this.sources.attribution();
    const drafted = planCommits({
      base: { commit: head.commit, ref: head.kind === 'branch' ? head.ref : null },
      changes,
      attribution,
      agents: this.sources.agents().map((agent) => planAgentOf(agent, request.messageFromTask)),
      strategy: request.strategy,
      conventional: request.conventional,
    });
    const userStaged = stagedByUser(changes, attribution);
    const sharedPlan = userStaged.reduce((p, path) => {
      const result = excludeFile(p, path);
      return result.ok ? result.value : p;
    }, drafted);
    const isolated = await this.isolated.preview(repo, head.commit, this.sources.agents(), request);
    const plan: CommitPlan = isolated.groups.length > 0 ? { ...sharedPlan, isolated: isolated.groups } : sharedPlan;

    const warnings: string[] = [...isolated.warnings];
    if (head.kind === 'detached') {
      warnings.push(`HEAD is detached (${describeHead(head)}): the new commits will be reachable only from HEAD. Create a branch first (git switch -c <name>) to keep them easy to find.`);
    }
    if (facts.operationInProgress) warnings.push(`${facts.operationInProgress} is in progress; finish or abort it before committing.`);
    const unmerged = changes.filter((c) => c.unmerged).map((c) => c.path);
    if (unmerged.length > 0) warnings.push(`Resolve the merge conflicts in ${listOf(unmerged)} before committing them.`);
    if (plan.undecided.length > 0) {
      const one = plan.undecided.length === 1;
      warnings.push(
        `${count(plan.undecided.length, 'file')} changed by several agents ${one ? 'needs' : 'need'} a group (${listOf(plan.undecided.map((u) => u.path))}); until then ${one ? 'it stays' : 'they stay'} uncommitted.`,
      );
    }
    const offline = offlinePaths(plan);
    if (offline.length > 0) {
      const one = offline.length === 1;
      warnings.push(
        `${count(offline.length, 'file')} changed while Switchyard was not running (${listOf(offline)}): nobody can say who changed ${one ? 'it' : 'them'}, so ${one ? 'it is' : 'they are'} in the unattributed group; check ${one ? 'it' : 'them'} before committing.`,
      );
    }
    if (userStaged.length > 0) {
      const one = userStaged.length === 1;
      warnings.push(
        `${count(userStaged.length, 'file')} you staged yourself and no agent touched ${one ? 'is' : 'are'} left out and ${one ? 'stays' : 'stay'} staged (${listOf(userStaged)}); include ${one ? 'it' : 'them'} to commit ${one ? 'it' : 'them'}.`,
      );
    }
    // Isolated agents' branches to bring back are something to commit too.
    const bringsBack = isolated.groups.some((g) => g.included);
    if (changes.length === 0 && isolated.groups.length === 0) warnings.push('Nothing to commit: the working tree matches HEAD.');
    else if (changes.length > 0 && !bringsBack && plan.groups.every((g) => g.files.length === 0)) warnings.push('Nothing to commit: every change is excluded or undecided.');
    return { plan, warnings };
  }

  async edit(plan: CommitPlan, edit: PlanEdit): Promise<{ plan: CommitPlan }> {
    if ('path' in edit) checkRepoPath(this.sources.repo(), edit.path);
    const result = applyPlanEdit(plan, edit);
    if (!result.ok) throw new SwitchyardError('invalid-input', result.error.message);
    // Another mode merges differently: its conflicts and files are read again (git).
    if (edit.type === 'set-isolated-mode') return { plan: await this.isolated.refresh(this.sources.repo(), result.value, edit.groupId, this.sources.agents()) };
    return { plan: result.value };
  }

  /** A path of an isolated agent's group as bringing it back in `mode` would make it, against HEAD. */
  isolatedDiff(groupId: string, mode: BringBackMode, path: string): Promise<{ diff: string; conflicted: boolean }> {
    const repo = this.sources.repo();
    checkRepoPath(repo, path);
    return this.isolated.diff(repo, groupId, mode, path, this.sources.agents());
  }

  async diff(path: string): Promise<PathDiff> {
    const top = (await gitReadText(this.sources.repo(), ['rev-parse', '--show-toplevel'])).trim();
    return diffOfPath(top, path);
  }

  async run(request: RunRequest): Promise<CommitRunResult> {
    const repo = this.sources.repo();
    checkPlanPaths(repo, request.plan);
    const key = realPath(repo);
    if (running.has(key)) throw new SwitchyardError('unavailable', 'A commit is already running in this repository; wait for it to finish.');
    running.add(key);
    try {
      const line = request.runTests ? this.sources.testCommand() : null;
      return await runWithIsolated(repo, request.plan, {
        agents: this.sources.agents(),
        bringBack: this.isolated.bringBack,
        resumeFrom: request.resume ?? null,
        onProgress: (progress) => this.sources.onProgress(progress),
        shared: (plan) =>
          executeCommitPlan(repo, plan, {
            skipHooks: request.skipHooks,
            testCommand: line ? { argv: ['sh', '-c', line] } : null,
            resumeFrom: request.resume ?? null,
            onProgress: (progress) => this.sources.onProgress(progress),
          }),
      });
    } finally {
      running.delete(key);
    }
  }
}

function planAgentOf(agent: Agent, messageFromTask: boolean): PlanAgent {
  return { id: agent.id, name: agent.name, task: messageFromTask ? agent.task : '', after: [...agent.after], startedAt: agent.startedAt };
}

/**
 * Paths the user staged that no agent provably wrote: the user's own work in progress. They stay
 * out of the plan (and staged) unless the user includes them. Inferred attributions (agents that
 * were active at the time) do not outweigh the user's own `git add`, even several of them.
 */
function stagedByUser(changes: readonly WorktreeChange[], attribution: readonly AttributionEntry[]): string[] {
  const agentTouched = new Set<string>();
  for (const entry of attribution) {
    if (entry.attribution === 'exact' && (entry.agentId !== null || entry.hunks?.some((h) => h.agentId !== null))) agentTouched.add(entry.path);
  }
  return changes
    .filter((c) => c.staged !== 'unmodified' && !c.untracked && !c.unmerged)
    .filter((c) => !agentTouched.has(c.path) && !(c.oldPath !== null && agentTouched.has(c.oldPath)))
    .map((c) => c.path);
}

/** Files (or parts of files) the plan holds that changed while Switchyard was not running. */
function offlinePaths(plan: CommitPlan): string[] {
  return plan.groups.flatMap((g) => g.files.filter((f) => f.attribution === 'offline').map((f) => f.path));
}

/** Names shown in a warning; the wizard lists every file itself. */
const WARNING_MAX_PATHS = 5;

function listOf(paths: readonly string[]): string {
  const shown = paths.slice(0, WARNING_MAX_PATHS).join(', ');
  return paths.length > WARNING_MAX_PATHS ? `${shown} and ${paths.length - WARNING_MAX_PATHS} more` : shown;
}

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

function realPath(folder: string): string {
  try {
    return fs.realpathSync(folder);
  } catch {
    return folder;
  }
}
