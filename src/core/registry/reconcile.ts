/**
 * After a restart (possibly after a crash), brings the registry back in line with reality:
 * agents whose process is gone are marked ended; agents still running without a Switchyard to
 * watch them are reported so the caller can stop them (nothing may run unsupervised).
 */
import { isLive, type Agent } from '../../shared/domain';

export interface Reconciliation {
  agents: Agent[];
  /** Agents whose process still runs although no Switchyard holds its terminal. */
  orphans: Agent[];
  /** One line per change, for the log and the user. */
  notes: string[];
}

export function reconcileAgents(
  agents: readonly Agent[],
  isRunning: (pid: number, startTime: number | null) => boolean,
  now: Date,
): Reconciliation {
  const notes: string[] = [];
  const orphans: Agent[] = [];
  const result = agents.map((stored) => {
    const agent = { ...stored };
    if (!isLive(agent.status)) return agent;
    if (agent.pid !== null && isRunning(agent.pid, agent.processStartTime)) {
      orphans.push(agent);
      return agent;
    }
    notes.push(`${agent.id} (pid ${agent.pid ?? '-'}) ended while Switchyard was not running; marked stopped.`);
    agent.status = 'stopped';
    agent.stuck = false;
    agent.endedAt = agent.endedAt ?? now.toISOString();
    agent.detail = 'Switchyard stopped while this agent ran; its process had ended by the restart.';
    return agent;
  });
  return { agents: result, orphans, notes };
}
