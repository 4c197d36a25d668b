import { useEffect } from 'react';
import { useServices } from '../../services-context';
import { useRepo } from '../../state/selectors';
import { useStore } from '../../state/store';
import { MonitorDuplicateList } from './MonitorDuplicateList';
import { MonitorProcessList } from './MonitorProcessList';
import './MonitorPanel.css';

/** Each refresh lists every process on the machine; every few seconds is fresh enough to act on. */
const MONITOR_REFRESH_MS = 3_000;
const MONITOR_BODY_ID = 'monitor-body';

/** A sidebar section, closed by default, for Codex processes Switchyard did not start and duplicates. */
export function MonitorPanel() {
  const open = useStore((s) => s.monitorOpen);
  const toggleMonitor = useStore((s) => s.toggleMonitor);
  return (
    <section className="monitor-panel" aria-label="Monitor">
      <button
        type="button"
        className="monitor-toggle"
        aria-expanded={open}
        aria-controls={MONITOR_BODY_ID}
        onClick={toggleMonitor}
      >
        <span className="sidebar-title">Monitor</span>
        <span aria-hidden="true">{open ? '▾' : '▸'}</span>
      </button>
      {open && <MonitorBody />}
    </section>
  );
}

/** Refreshes the snapshot while it is shown (and the page is visible), one request at a time. */
function useMonitorRefresh(repo: string | null): void {
  const { api } = useServices();
  const setMonitorSnapshot = useStore((s) => s.setMonitorSnapshot);
  const setMonitorError = useStore((s) => s.setMonitorError);
  useEffect(() => {
    if (repo === null) return;
    let disposed = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = async (): Promise<void> => {
      if (!document.hidden) {
        const result = await api.invoke('monitor.snapshot', {});
        if (disposed) return;
        if (result.ok) setMonitorSnapshot(result.value);
        else setMonitorError(result.error.message);
      }
      if (!disposed) timer = setTimeout(() => void refresh(), MONITOR_REFRESH_MS);
    };
    void refresh();
    return () => {
      disposed = true;
      clearTimeout(timer);
    };
  }, [api, repo, setMonitorSnapshot, setMonitorError]);
}

function MonitorBody() {
  const repo = useRepo();
  useMonitorRefresh(repo);
  const snapshot = useStore((s) => s.monitorSnapshot);
  const error = useStore((s) => s.monitorError);
  // A snapshot of the previous repository is not shown while the new one loads.
  const current = snapshot !== null && snapshot.repo === repo ? snapshot : null;
  if (repo === null) {
    return (
      <div id={MONITOR_BODY_ID} className="monitor-body">
        <p className="monitor-note">Open a repository to see the Codex processes running in it.</p>
      </div>
    );
  }
  const unmanaged = current ? current.discovered.filter((process) => !process.managed) : [];
  return (
    <div id={MONITOR_BODY_ID} className="monitor-body" data-testid="monitor-body">
      {error && <p className="monitor-error" role="alert">{error}</p>}
      {current === null ? (
        <p className="monitor-note">Scanning…</p>
      ) : (
        <>
          {current.scanError && <p className="monitor-error">{current.scanError}</p>}
          <h3 className="monitor-heading">
            {unmanaged.length} unmanaged Codex {unmanaged.length === 1 ? 'process' : 'processes'} in this repository
          </h3>
          <MonitorProcessList repo={current.repo} processes={unmanaged} />
          <h3 className="monitor-heading">
            {current.duplicates.length} duplicate {current.duplicates.length === 1 ? 'finding' : 'findings'}
          </h3>
          <MonitorDuplicateList findings={current.duplicates} />
          {current.otherFolders + current.unknownFolder > 0 && (
            <p className="monitor-note">
              Elsewhere on this machine: {current.otherFolders} in other folders
              {current.unknownFolder > 0 && `, ${current.unknownFolder} whose folder the OS does not reveal`}.
            </p>
          )}
          <p className="monitor-note">Updated {new Date(current.scannedAt).toLocaleTimeString()}</p>
        </>
      )}
    </div>
  );
}
