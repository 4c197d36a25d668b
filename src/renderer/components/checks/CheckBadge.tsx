import type { CheckResult } from '../../../shared/checks';
import { useStore } from '../../state/store';
import './checks.css';

const LABEL: Record<CheckResult['state'], string> = {
  queued: 'check queued',
  running: 'checking…',
  passed: 'check passed',
  failed: 'check failed',
  error: 'check error',
};

/** The agent's last check as a small badge (nothing when it had none). */
export function CheckBadge({ agentId }: { agentId: string }) {
  const check = useStore((s) => s.checks[agentId]);
  if (!check) return null;
  return (
    <span className={`check-badge check-${check.state}`} data-check-state={check.state} title={describeCheck(check)}>
      {LABEL[check.state]}
    </span>
  );
}

export function describeCheck(check: CheckResult): string {
  const on = `on HEAD plus ${check.files.length} file(s) of the agent`;
  switch (check.state) {
    case 'queued':
      return `Waiting for another check to end: “${check.command}” ${on}`;
    case 'running':
      return `Running “${check.command}” ${on}, in a temporary worktree`;
    case 'passed':
      return `“${check.command}” passed ${on}`;
    case 'failed':
      return `“${check.command}” ${check.timedOut ? 'timed out' : `exited with ${check.exitCode}`} ${on}`;
    case 'error':
      return `The check could not run: ${check.detail ?? ''}`;
  }
}
