import type { DuplicateFinding } from '../../../shared/monitor';

/** Agents that repeat each other's task or claim the same files, each with what to do. */
export function MonitorDuplicateList({ findings }: { findings: DuplicateFinding[] }) {
  if (findings.length === 0) return <p className="monitor-note">No agents repeat each other.</p>;
  return (
    <ul className="monitor-list" role="list" aria-label="Duplicate agents">
      {findings.map((finding) => (
        <li
          key={`${finding.kind}:${finding.agents.join(':')}`}
          className={`monitor-item monitor-finding severity-${finding.severity}`}
          data-severity={finding.severity}
        >
          <div className="monitor-item-line">
            <span className="monitor-severity">{finding.severity}</span>
            <span className="monitor-kind">{finding.kind === 'same-task' ? 'same task' : 'overlapping claims'}</span>
          </div>
          <div className="monitor-reason">{finding.reason}</div>
          <div className="monitor-recommendation">{finding.recommendation}</div>
        </li>
      ))}
    </ul>
  );
}
