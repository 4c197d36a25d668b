import { useState } from 'react';
import { useCodex } from '../state/selectors';
import { useStore } from '../state/store';
import './navigation.css';

interface HeaderAlert {
  key: string;
  title: string;
  message: string;
  dismiss: () => void;
}

/**
 * The header's problems, each shown whole below it (over the content, so a message coming or
 * going never resizes the terminals and the agents' ptys), dismissible, and gone by themselves
 * once the problem is: a repository opened, a Codex found.
 */
export function HeaderAlerts() {
  const repoError = useStore((s) => s.repoError);
  const setRepoError = useStore((s) => s.setRepoError);
  const codex = useCodex();
  // A dismissed Codex problem stays hidden until it changes (then it is news again).
  const [dismissedCodexError, setDismissedCodexError] = useState<string | null>(null);
  const codexError = codex?.error ?? null;

  const alerts: HeaderAlert[] = [];
  if (repoError !== null) {
    alerts.push({ key: 'repo', title: 'Could not open the repository', message: repoError, dismiss: () => setRepoError(null) });
  }
  if (codexError !== null && codexError !== dismissedCodexError) {
    alerts.push({ key: 'codex', title: 'Codex is not usable', message: codexError, dismiss: () => setDismissedCodexError(codexError) });
  }
  if (alerts.length === 0) return null;
  return (
    <div className="header-alerts">
      {alerts.map((alert) => (
        <div key={alert.key} className="header-alert" role="alert" data-testid={`header-alert-${alert.key}`}>
          <div className="header-alert-text">
            <strong>{alert.title}</strong>
            <span className="header-alert-message">{alert.message}</span>
          </div>
          <button type="button" className="header-alert-dismiss" aria-label={`Dismiss: ${alert.title}`} onClick={alert.dismiss}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
