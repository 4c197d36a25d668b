/**
 * What the previous Switchyard left in a repository, as the session finds it when it opens one:
 * agents that may have outlived it, and the claims of its lock table.
 */
import path from 'node:path';
import type { EventPayload } from '../../shared/contract';
import { isLive, type Agent } from '../../shared/domain';
import { isSameProcessAlive, processesOfAgent, signalGroup, signalPids } from '../agents/agent-processes';
import { replayLockJournal } from '../locks/lock-journal';
import type { LockTableDelta } from '../locks/lock-types';
import { RepoLocks } from '../locks/repo-locks';
import { reconcileAgents } from '../registry/reconcile';
import type { RegistryStore } from '../registry/registry-store';

/**
 * The saved agents as they are now: those whose process outlived their Switchyard are killed
 * (nobody holds their terminal any more: an unsupervised agent is what Switchyard exists to
 * prevent), and processes a live agent's Codex left behind are killed too.
 */
export function reconcileSaved(saved: Agent[]): { agents: Agent[]; notes: string[] } {
  const wasLive = saved.filter((a) => isLive(a.status));
  const { agents, orphans, notes } = reconcileAgents(saved, isSameProcessAlive, new Date());
  for (const orphan of orphans) {
    signalGroup(orphan.pid!, 'SIGKILL');
    Object.assign(orphan, {
      status: 'stopped',
      endedAt: new Date().toISOString(),
      detail: 'Still running after Switchyard ended unexpectedly; stopped when Switchyard restarted.',
    });
    notes.push(`${orphan.id} (pid ${orphan.pid}) outlived its Switchyard; killed its process group.`);
  }
  for (const agent of wasLive) {
    // Codex itself dies with its terminal, but what it started may have left its process group.
    const leftovers = processesOfAgent(agent.id);
    if (leftovers.length === 0) continue;
    signalPids(leftovers, 'SIGKILL');
    notes.push(`${agent.id} left processes ${leftovers.join(', ')} behind; killed them.`);
  }
  return { agents, notes };
}

/**
 * The claims as they were: the last snapshot with the journal replayed over it. Unreadable parts
 * are reported (and logged in the repository's store), and the table starts with what could be
 * read, or empty. Its changes are journaled in this repository's store even while the previous
 * one is still open.
 */
export function restoreLocks(
  repo: string,
  saved: { snapshot: unknown; journal: unknown[] },
  store: RegistryStore,
  onChange: (delta: LockTableDelta) => void,
  notify: (notification: EventPayload<'notification'>) => void,
  isAdvisory?: (agentId: string) => boolean,
): RepoLocks {
  const tokenFile = path.join(store.dir, 'fencing-tokens.json');
  const replay = replayLockJournal(saved.snapshot, saved.journal);
  if (replay.problem) {
    const problem = `${store.journalFile}: ${replay.problem}.`;
    store.log('locks-journal-corrupt', { problem });
    notify({ kind: 'problem', agentId: null, title: 'Some claim changes were unreadable', body: problem });
  }
  try {
    return new RepoLocks(repo, replay.state, onChange, tokenFile, isAdvisory);
  } catch (error) {
    const problem = `The saved claims could not be restored (${(error as Error).message}); Switchyard started with none.`;
    store.log('locks-corrupt', { problem });
    notify({ kind: 'problem', agentId: null, title: 'Claims were unreadable', body: problem });
    return new RepoLocks(repo, undefined, onChange, tokenFile, isAdvisory);
  }
}
