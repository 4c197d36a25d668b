import type { AgentStatus } from '../../../shared/domain';

const STATUS_LABELS: Record<AgentStatus, string> = {
  queued: 'queued',
  blocked: 'blocked',
  starting: 'starting',
  working: 'working',
  'waiting-for-input': 'waiting for input',
  ready: 'ready',
  finished: 'finished',
  exited: 'exited',
  failed: 'failed',
  stopped: 'stopped',
};

/**
 * The agent's status as a coloured badge; `data-status` carries the raw value for tests and CSS.
 * `ready` is Codex up but not on its task yet; `finished` is its task done, Codex still open.
 */
export function StatusBadge({ status }: { status: AgentStatus }) {
  return (
    <span className={`status-badge status-${status}`} data-status={status}>
      {STATUS_LABELS[status]}
    </span>
  );
}
