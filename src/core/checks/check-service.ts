/**
 * The check after an agent, and its rollback. A check lays the agent's versions of its files over
 * a temporary worktree of HEAD and runs the repository's test command there, so the other agents
 * and the shared working tree are never touched; checks run one at a time (each is a whole test
 * suite on a machine the agents share). With the `checkAfterAgent` setting on, an agent's check
 * starts by itself when it finishes its task (its first turn, or an exit 0).
 */
import type { CheckResult, RollbackPlan, RollbackResult } from '../../shared/checks';
import type { EventPayload } from '../../shared/contract';
import { isEnded, type Agent, type RepoSettings } from '../../shared/domain';
import { SwitchyardError } from '../../shared/result';
import { runTestCommand, TEST_TIMEOUT_MS } from '../commit/test-command';
import type { RepoChanges } from '../session/repo-changes';
import { absoluteIn, agentVersions, readAgentHistories } from './agent-changes';
import { loadChecks, saveCheck } from './check-store';
import { createCheckWorktree, overlayVersions } from './check-worktree';
import { planRollback, type IncludeOthers } from './rollback-plan';

export interface CheckSources {
  repo(): string | null;
  settings(): Pick<RepoSettings, 'testCommand' | 'checkAfterAgent'>;
  /** The open repository's change tracking; throws a typed error while it is unavailable. */
  changes(): RepoChanges;
  /** The agent's record; throws not-found. */
  agent(id: string): Agent;
  changed(result: CheckResult): void;
  notify(notification: EventPayload<'notification'>): void;
  log(event: string, data: Record<string, unknown>): void;
  /** Tests shorten it; a user's suite gets TEST_TIMEOUT_MS. */
  timeoutMs?: number;
}

/** What the service remembers of an agent to see the moment it finishes its task. */
interface Seen {
  completedTurns: number;
  ended: boolean;
}

export class CheckService {
  private results = new Map<string, CheckResult>();
  private readonly running = new Map<string, Promise<CheckResult>>();
  private readonly seen = new Map<string, Seen>();
  /** Agents whose automatic check was started, so it starts once per agent. */
  private readonly autoChecked = new Set<string>();
  private resultsRepo: string | null = null;
  /** Checks run one after another. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly abort = new AbortController();

  constructor(private readonly sources: CheckSources) {}

  /** Every agent change: starts the automatic check when the agent has just finished its task. */
  noteAgent(agent: Agent): void {
    const before = this.seen.get(agent.id);
    const now: Seen = { completedTurns: agent.completedTurns, ended: isEnded(agent.status) };
    this.seen.set(agent.id, now);
    // First sight (a restored agent, or one listed after opening): no transition to act on.
    if (!before || this.autoChecked.has(agent.id)) return;
    const finishedTurn = before.completedTurns === 0 && now.completedTurns > 0;
    const exitedOk = !before.ended && now.ended && agent.status === 'exited' && agent.exitCode === 0;
    if (!finishedTurn && !exitedOk) return;
    const settings = this.sources.settings();
    if (!settings.checkAfterAgent || !settings.testCommand) return;
    this.autoChecked.add(agent.id);
    void this.run(agent.id, 'auto').catch((error: unknown) => this.sources.log('check-failed', { agentId: agent.id, message: (error as Error).message }));
  }

  get(agentId: string): CheckResult | null {
    this.forgetOtherRepo();
    return this.results.get(agentId) ?? null;
  }

  list(): CheckResult[] {
    this.forgetOtherRepo();
    return [...this.results.values()];
  }

  /** Runs the agent's check (or joins the one already queued or running) and resolves when it has ended. */
  run(agentId: string, trigger: CheckResult['trigger'] = 'manual'): Promise<CheckResult> {
    const agent = this.sources.agent(agentId);
    const repo = this.requireRepo();
    const command = this.sources.settings().testCommand;
    if (!command) throw new SwitchyardError('invalid-input', 'No test command is set for this repository (Settings → Test command).');
    const already = this.running.get(agent.id);
    if (already) return already;
    this.forgetOtherRepo();
    let result: CheckResult = {
      agentId: agent.id,
      state: 'queued',
      trigger,
      command,
      files: [],
      queuedAt: new Date().toISOString(),
      startedAt: null,
      endedAt: null,
      exitCode: null,
      timedOut: false,
      output: '',
      worktreeMs: null,
      durationMs: null,
      detail: null,
    };
    const update = (patch: Partial<CheckResult>): CheckResult => {
      result = { ...result, ...patch };
      if (this.resultsRepo === repo) this.results.set(agent.id, result);
      this.sources.changed(result);
      return result;
    };
    update({});
    const run = this.queue.then(async () => {
      const started = Date.now();
      update({ state: 'running', startedAt: new Date(started).toISOString() });
      try {
        const outcome = await this.execute(repo, agent.id, command, (files) => update({ files }));
        update({ ...outcome, endedAt: new Date().toISOString(), durationMs: Date.now() - started });
      } catch (error) {
        update({ state: 'error', detail: error instanceof Error ? error.message : String(error), endedAt: new Date().toISOString(), durationMs: Date.now() - started });
      }
      await saveCheck(repo, result).catch((error: unknown) => this.sources.log('check-save-failed', { agentId: agent.id, message: (error as Error).message }));
      this.sources.log('check', { agentId: agent.id, state: result.state, exitCode: result.exitCode, files: result.files, worktreeMs: result.worktreeMs, durationMs: result.durationMs });
      if (result.state !== 'passed') {
        this.sources.notify({
          kind: 'problem',
          agentId: agent.id,
          title: `${agent.name}: check ${result.state === 'failed' ? 'failed' : 'could not run'}`,
          body: result.state === 'failed' ? `The test command (${command}) exited with ${result.timedOut ? 'a timeout' : result.exitCode} on HEAD plus ${agent.name}'s changes. You can roll the agent back.` : (result.detail ?? ''),
        });
      }
      return result;
    });
    this.queue = run.catch(() => undefined);
    const tracked = run.finally(() => this.running.delete(agent.id));
    this.running.set(agent.id, tracked);
    return tracked;
  }

  /** What rolling the agent back would restore, and which of its files others changed since. */
  async planRollback(agentId: string, includeOthers: IncludeOthers): Promise<RollbackPlan> {
    const agent = this.sources.agent(agentId);
    const repo = this.requireRepo();
    return planRollback(agent.id, await readAgentHistories(repo, this.sources.changes(), agent.id), includeOthers);
  }

  /** Writes each included file of the plan back (one journal version each, so each can be undone). */
  async rollBack(agentId: string, includeOthers: IncludeOthers): Promise<RollbackResult> {
    const agent = this.sources.agent(agentId);
    if (agent.status === 'working' || agent.status === 'starting') {
      throw new SwitchyardError('invalid-input', `${agent.name} is ${agent.status}: wait until it has finished, or stop it, before rolling it back.`);
    }
    const plan = await this.planRollback(agent.id, includeOthers);
    const changes = this.sources.changes();
    const result: RollbackResult = { agentId: agent.id, restored: [], skipped: plan.unavailable.map((u) => ({ path: u.path, reason: u.reason })) };
    for (const file of plan.files) {
      if (!file.included) {
        result.skipped.push({ path: file.path, reason: `changed since by ${file.changedSinceBy.map((id) => id ?? 'someone unattributed').join(', ')}` });
        continue;
      }
      try {
        const newVersion = await changes.rollBack(file.path, file.toVersion, agent.id);
        result.restored.push({ path: file.path, toVersion: file.toVersion, undoVersion: file.currentVersion, newVersion });
      } catch (error) {
        result.skipped.push({ path: file.path, reason: error instanceof Error ? error.message : String(error) });
      }
    }
    this.sources.log('rollback', { agentId: agent.id, restored: result.restored, skipped: result.skipped });
    return result;
  }

  /** Stops running checks (their worktrees are removed as they end). */
  dispose(): void {
    this.abort.abort();
  }

  private async execute(
    repo: string,
    agentId: string,
    command: string,
    onFiles: (files: string[]) => void,
  ): Promise<Pick<CheckResult, 'state' | 'exitCode' | 'timedOut' | 'output' | 'worktreeMs'>> {
    const versions = agentVersions(await readAgentHistories(repo, this.sources.changes(), agentId), agentId);
    onFiles(versions.map((v) => v.path));
    const worktree = await createCheckWorktree(repo);
    try {
      await overlayVersions(repo, worktree.dir, versions, absoluteIn(repo));
      const outcome = await runTestCommand(worktree.dir, { argv: ['sh', '-c', command], timeoutMs: this.sources.timeoutMs ?? TEST_TIMEOUT_MS, signal: this.abort.signal });
      return { state: outcome.ok ? 'passed' : 'failed', exitCode: outcome.exitCode, timedOut: outcome.timedOut, output: outcome.output, worktreeMs: Math.round(worktree.createdMs) };
    } finally {
      await worktree.remove();
    }
  }

  private requireRepo(): string {
    const repo = this.sources.repo();
    if (!repo) throw new SwitchyardError('no-repository', 'Open a repository first.');
    return repo;
  }

  /** Results belong to the repository they were made in; another one opened brings its own back (`.agents/checks/`). */
  private forgetOtherRepo(): void {
    const repo = this.sources.repo();
    if (repo === this.resultsRepo) return;
    this.resultsRepo = repo;
    this.results = new Map(repo ? loadChecks(repo).map((r) => [r.agentId, r]) : []);
  }
}
