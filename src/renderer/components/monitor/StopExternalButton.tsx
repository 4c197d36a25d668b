import { useState } from 'react';
import type { DiscoveredProcess } from '../../../shared/monitor';
import { useServices } from '../../services-context';
import { stopExternalProcess } from '../../state/monitor-actions';
import { ConfirmDialog } from '../ConfirmDialog';

/** Stops one Codex that runs here outside Switchyard, after the user confirms. */
export function StopExternalButton({ process }: { process: DiscoveredProcess }) {
  const services = useServices();
  const [asking, setAsking] = useState(false);
  const [stopping, setStopping] = useState(false);

  const stop = async (): Promise<void> => {
    setAsking(false);
    setStopping(true);
    await stopExternalProcess(services, process.pid);
    setStopping(false);
  };

  return (
    <>
      <button
        type="button"
        className="monitor-stop danger"
        aria-haspopup="dialog"
        aria-label={`Stop Codex pid ${process.pid}`}
        disabled={stopping}
        onClick={() => setAsking(true)}
      >
        {stopping ? 'Stopping…' : 'Stop'}
      </button>
      <ConfirmDialog
        open={asking}
        title={`Stop Codex pid ${process.pid}`}
        confirmLabel="Stop it"
        onConfirm={() => void stop()}
        onCancel={() => setAsking(false)}
      >
        Stop the Codex process {process.pid}, which runs in this repository outside Switchyard? It gets SIGTERM, then
        SIGKILL if it has not ended after a few seconds; whatever it was doing is lost.
      </ConfirmDialog>
    </>
  );
}
