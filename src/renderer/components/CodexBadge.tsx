import { useCodex } from '../state/selectors';

/** The header's word on which Codex new agents start: version and why (hover: the path). */
export function CodexBadge() {
  const codex = useCodex();
  if (!codex) return null;
  if (codex.error !== null || codex.path === null) {
    return (
      <span className="codex-badge codex-badge-error" role="status" title={codex.error ?? undefined}>
        Codex not usable
      </span>
    );
  }
  return (
    <span className="codex-badge" title={`${codex.path} (${codex.reason ?? codex.source ?? ''})`}>
      Codex {codex.version ?? '?'} · {codex.reason ?? codex.source}
    </span>
  );
}
