/**
 * The supervisor's periodic check, applying the watchdog's rules (agent-watchdog.ts): an agent
 * past its time limit is stopped; one newly stuck is flagged, told about, and stopped when the
 * repository's settings say so. Agents already stopping are left to finish.
 */
import { inspectAgent } from './agent-watchdog';
import type { SupervisedAgent } from './supervised-agent';
import type { QueueSettings, SupervisorReports } from './supervisor-ports';

export function checkAgents(
  agents: Iterable<SupervisedAgent>,
  now: number,
  settings: QueueSettings,
  report: SupervisorReports,
  stop: (id: string, reason: string) => void,
): void {
  for (const managed of agents) {
    const agent = managed.agent;
    if (managed.stopping) continue;
    const finding = inspectAgent(agent, now, settings.stuckAfterMinutes * 60_000);
    if (finding?.kind === 'timed-out') {
      stop(agent.id, finding.reason);
    } else if (finding?.kind === 'stuck') {
      agent.stuck = true;
      report.notify({ kind: 'stuck', agentId: agent.id, title: `${agent.name} looks stuck`, body: `No progress for ${finding.quiet}.` });
      report.log('stuck', { id: agent.id, quietForMs: finding.quietForMs });
      report.changed(agent);
      if (settings.autoStopStuck) stop(agent.id, `Stopped: no progress for ${finding.quiet}.`);
    }
  }
}
