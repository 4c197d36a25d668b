/**
 * `switchyard cleanup`: the old agent-cleanup.sh done properly. Stops every agent of the
 * repository through the running Switchyard (or, when none runs, the processes its registry
 * names), verifies that no process of any agent is left, and says what to do next.
 */
import { isLive, PENDING_STATUSES, type Agent } from '../shared/domain';
import { processesOfAgent, signalPids } from '../core/agents/agent-processes';
import { readInstance } from '../core/instances/instance-registry';
import { repoFromArgument, type Output } from './commands';
import { CliError } from './cli-error';
import { connectToRepo } from './host-client';
import { isIsolated } from '../core/isolation/isolated-preview';
import { describeLoss, readWorktreeLoss } from '../core/isolation/worktree-loss';
import { confirm } from './confirm';

/** Without a running Switchyard, this long between SIGTERM and SIGKILL. */
const OFFLINE_TERM_GRACE_MS = 3_000;

export interface CleanupOptions {
  repo: string;
  force?: boolean;
  yes?: boolean;
  /** Also discard the ended isolated agents' worktrees and branches whose work is all on the current branch. */
  worktrees?: boolean;
}

export async function cleanupCommand(options: CleanupOptions, output: Output): Promise<void> {
  const repo = await repoFromArgument(options.repo);
  const instance = readInstance(repo);
  const agents = instance ? await listThroughInstance(repo) : await listFromRegistry(repo);
  const active = agents.filter((a) => isLive(a.status) || PENDING_STATUSES.includes(a.status));
  if (active.length === 0) {
    output.out(`No running or queued agents in ${repo}.`);
  } else {
    const askFirst = !options.force && !options.yes;
    if (askFirst) {
      if (!process.stdin.isTTY) {
        throw new CliError(`cleanup would stop ${active.length} agent(s); pass --yes (or --force) to do it without a terminal to confirm on.`, 2);
      }
      if (!(await confirm(`Stop ${active.length} agent(s) in ${repo}?`))) throw new CliError('Cancelled; nothing was stopped.', 1);
    }
    if (instance) await stopThroughInstance(repo, options.force ?? false, output);
    else await stopWithoutInstance(active, options.force ?? false, output);
  }

  const survivors = agents.flatMap((a) => processesOfAgent(a.id).map((pid) => `${pid} (${a.id})`));
  if (survivors.length > 0) {
    throw new CliError(`These agent processes are still alive: ${survivors.join(', ')}. Try \`switchyard cleanup --force\`.`);
  }
  output.out('Verified: no agent process is left.');
  output.out('Next: review the changes with `git status` and `git diff`, then commit them.');
  if (options.worktrees && agents.some(isIsolated)) {
    if (!instance) throw new CliError('Discarding worktrees goes through the running Switchyard: start it (`switchyard serve`), then run cleanup --worktrees again.');
    await discardSafeWorktrees(repo, output);
  } else {
    await reportWorktrees(repo, agents, output);
  }
}

/**
 * Discards each isolated agent's worktree and branch that loses nothing (its work is on the
 * current branch); the others are kept and named with what discarding them would lose.
 */
async function discardSafeWorktrees(repo: string, output: Output): Promise<void> {
  const client = await connectToRepo(repo);
  try {
    const isolated = (await client.invoke('agents.list', {})).agents.filter(isIsolated);
    for (const agent of isolated) {
      let answer;
      try {
        answer = await client.invoke('isolation.discard', { id: agent.id, force: false });
      } catch (error) {
        output.out(`Kept ${agent.name}'s worktree ${agent.workspace.path}: ${(error as Error).message}`);
        continue;
      }
      const { removed, loss } = answer;
      if (removed) output.out(`Discarded ${agent.name}'s worktree and branch ${agent.workspace.branch}: ${loss.summary}`);
      else output.out(`Kept ${agent.name}'s worktree ${agent.workspace.path}. ${loss.summary} Discard it anyway with \`switchyard rm ${agent.name} --force\`.`);
    }
  } finally {
    client.close();
  }
}

/**
 * Isolated agents' worktrees outlive cleanup on purpose: their work is on their branches, not in
 * the shared tree. Each is named with what discarding it would lose and the ways out.
 */
async function reportWorktrees(repo: string, agents: readonly Agent[], output: Output): Promise<void> {
  for (const agent of agents.filter(isIsolated)) {
    const loss = await readWorktreeLoss(repo, agent).catch(() => null);
    const what = loss ? describeLoss(loss, agent.workspace.branch) : 'Its branch could not be read.';
    output.out(`${agent.name} works in its own worktree ${agent.workspace.path} (branch ${agent.workspace.branch}). ${what}`);
    output.out(`  Bring it back with the commit wizard or \`switchyard commit --per-agent --isolated merge\`, move it into the shared tree with \`switchyard move-to-shared ${agent.name}\`, or discard it with \`switchyard rm ${agent.name} --force\`.`);
  }
}

async function listThroughInstance(repo: string): Promise<Agent[]> {
  const client = await connectToRepo(repo);
  try {
    return (await client.invoke('agents.list', {})).agents;
  } finally {
    client.close();
  }
}

async function stopThroughInstance(repo: string, force: boolean, output: Output): Promise<void> {
  const client = await connectToRepo(repo);
  try {
    const { agents } = await client.invoke('agents.stopAll', { force });
    for (const report of agents) {
      output.out(`${report.id} ${report.status}${report.survivors.length ? ` (survivors: ${report.survivors.join(', ')})` : ''}`);
    }
  } finally {
    client.close();
  }
}

async function listFromRegistry(repo: string): Promise<Agent[]> {
  // The registry's store (and its schemas) loads only when no Switchyard runs to ask.
  const { RegistryStore } = await import('../core/registry/registry-store');
  const { registry, problem } = new RegistryStore(repo).load();
  if (problem) throw new CliError(problem);
  return registry.agents;
}

/** No Switchyard holds these agents' terminals: signal their processes directly. */
async function stopWithoutInstance(agents: Agent[], force: boolean, output: Output): Promise<void> {
  output.out('No Switchyard is running for this repository; stopping the agents its registry lists directly.');
  const pids = (): number[] => agents.flatMap((a) => processesOfAgent(a.id));
  if (!force) {
    signalPids(pids(), 'SIGTERM');
    const deadline = Date.now() + OFFLINE_TERM_GRACE_MS;
    while (pids().length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  signalPids(pids(), 'SIGKILL');
  await new Promise((resolve) => setTimeout(resolve, 300));
  for (const agent of agents) output.out(`${agent.id} stopped`);
}
