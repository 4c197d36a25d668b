/**
 * Discarding an isolated agent's worktree and moving its work into the shared tree, for the
 * contract's `isolation.*` commands. Both say first what they would do (the loss, the files and
 * their refusals) and act only when asked to; neither touches the user's index or commits.
 */
import type { Agent } from '../../shared/domain';
import { isEnded } from '../../shared/domain';
import type { MoveFileView, WorktreeLossView } from '../../shared/isolation';
import { SwitchyardError } from '../../shared/result';
import { withRepoMutex } from '../git/repo-mutex';
import { removeAgentWorktree } from '../worktrees/agent-worktree';
import { isIsolated, type IsolatedAgent } from './isolated-preview';
import { applyMove, MoveRefusedError, planMove } from './move-to-shared';
import { describeLoss, losesNothing, readWorktreeLoss } from './worktree-loss';

/** The change tracker's part in a move: journal the written files as the agent's (RepoChanges.attributeWrites). */
export interface MoveJournal {
  attributeWrites(paths: readonly string[], agentId: string): Promise<number>;
}

export interface IsolationSources {
  repo(): string;
  agents(): readonly Agent[];
  stop(id: string): Promise<unknown>;
  /** Forgets an ended agent (its record leaves the list). */
  forget(id: string): void;
  /** The agent now works in the shared tree: its record's workspace becomes null. */
  makeShared(id: string): Agent;
  /** Null while change tracking is not running: the move is then not journaled (and says so in the log). */
  journal(): MoveJournal | null;
}

export class IsolationService {
  constructor(private readonly sources: IsolationSources) {}

  async loss(id: string): Promise<WorktreeLossView> {
    const agent = this.isolated(id);
    const loss = await readWorktreeLoss(this.sources.repo(), agent);
    return { ...loss, summary: describeLoss(loss, agent.workspace.branch) };
  }

  async discard(id: string, force: boolean): Promise<{ removed: boolean; loss: WorktreeLossView }> {
    const agent = this.isolated(id);
    if (!isEnded(agent.status)) throw new SwitchyardError('invalid-input', `${agent.name} is ${agent.status}; stop it before discarding its worktree.`);
    const repo = this.sources.repo();
    const loss = await this.loss(id);
    if (!force && !losesNothing(loss)) return { removed: false, loss };
    await removeAgentWorktree(repo, agent.workspace, { force: true });
    this.sources.forget(id);
    return { removed: true, loss };
  }

  async movePreview(id: string): Promise<{ files: MoveFileView[]; running: boolean }> {
    const agent = this.isolated(id);
    const plan = await planMove(this.sources.repo(), agent);
    // Anything not ended (queued agents too) is stopped first by the move: the preview says so alike.
    return { files: plan.files, running: !isEnded(agent.status) };
  }

  async move(id: string, stopFirst: boolean): Promise<{ moved: string[]; agent: Agent }> {
    let agent = this.isolated(id);
    if (!isEnded(agent.status)) {
      if (!stopFirst) throw new SwitchyardError('invalid-input', `Codex is still running in ${agent.name}'s worktree; stop it first (it would go on writing there).`);
      await this.sources.stop(id);
      agent = this.isolated(id);
    }
    const repo = this.sources.repo();
    const moved = await withRepoMutex(repo, async () => {
      const plan = await planMove(repo, agent);
      const written = await applyMove(repo, plan).catch((error: unknown) => {
        if (error instanceof MoveRefusedError) throw new SwitchyardError('invalid-input', error.message);
        throw error;
      });
      // The writes are the agent's: journaled by the watcher, then attributed to it.
      const journal = this.sources.journal();
      if (journal) await journal.attributeWrites(written, id);
      return written;
    });
    // Its work is in the shared tree now; the worktree and branch would only hold a copy.
    await removeAgentWorktree(repo, agent.workspace, { force: true });
    return { moved, agent: this.sources.makeShared(id) };
  }

  private isolated(id: string): IsolatedAgent {
    const agent = this.sources.agents().find((a) => a.id === id);
    if (!agent) throw new SwitchyardError('not-found', `No agent ${id}.`);
    if (!isIsolated(agent)) throw new SwitchyardError('invalid-input', `${agent.name} works in the shared tree, not in a worktree of its own.`);
    return agent;
  }
}
