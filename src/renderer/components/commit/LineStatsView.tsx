import type { LineStats } from './plan-view';

/** "+12 −3", coloured like the diff viewer's. */
export function LineStatsView({ stats, binary = false }: { stats: LineStats; binary?: boolean }) {
  if (binary) return <span className="commit-stats commit-muted">binary</span>;
  return (
    <span className="commit-stats" aria-label={`${stats.added} added, ${stats.removed} removed`}>
      <span className="diff-stat-added">+{stats.added}</span> <span className="diff-stat-removed">−{stats.removed}</span>
    </span>
  );
}
