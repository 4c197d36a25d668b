import type { CodexSource } from '../../shared/codex';
import { useCodex } from '../state/selectors';

/** A word for the header; the full reason and path are in the tooltip (and in Settings). */
const SHORT_SOURCE: Record<CodexSource, string> = {
  flag: '--codex-path',
  env: 'env',
  setting: 'setting',
  path: 'on PATH',
  bundled: 'bundled',
};

/** The header's word on which Codex new agents start: version and why (hover: the path). */
export function CodexBadge() {
  const codex = useCodex();
  if (!codex) return null;
  if (codex.error !== null || codex.path === null || codex.source === null) {
    return (
      <span className="codex-badge codex-badge-error" role="status" title={codex.error ?? undefined}>
        Codex not usable
      </span>
    );
  }
  const title = `${codex.path} (${codex.reason ?? codex.source})`;
  return (
    <span className={codex.warning ? 'codex-badge codex-badge-warning' : 'codex-badge'} title={codex.warning ? `${title}\n${codex.warning}` : title}>
      Codex {codex.version ?? '?'} · {SHORT_SOURCE[codex.source]}
      {codex.warning && ' (untested)'}
    </span>
  );
}
