/** What the monitor asks of the core beyond its snapshot: stopping a Codex that runs outside Switchyard. */
import type { CoreServices } from './core-services';
import { reportError } from './report-error';
import { useStore } from './store';

/** Stops the external Codex `pid` (SIGTERM, then SIGKILL); says in a toast what happened. True when it is gone. */
export async function stopExternalProcess(services: CoreServices, pid: number): Promise<boolean> {
  const result = await services.api.invoke('monitor.stopExternal', { pid, force: false });
  if (!result.ok) {
    reportError(`Stopping Codex pid ${pid}`, result.error);
    return false;
  }
  const report = result.value;
  const gone = report.outcome !== 'survived';
  useStore.getState().pushToast(report.message, gone ? { tone: 'info' } : undefined);
  return gone;
}
