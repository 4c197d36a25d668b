import { useState } from 'react';
import { useServices } from '../../services-context';
import { stopAllAgents } from '../../state/core-actions';
import { isEnded } from '../../state/selectors';
import { useStore } from '../../state/store';
import { ConfirmDialog } from '../ConfirmDialog';

/** Stops every running agent and cancels every queued one, after the user confirms. */
export function StopAllButton() {
  const services = useServices();
  const activeCount = useStore((s) => s.agents.filter((agent) => !isEnded(agent)).length);
  const [asking, setAsking] = useState(false);
  const [stopping, setStopping] = useState(false);
  const what = activeCount === 1 ? 'the 1 running or queued agent' : `all ${activeCount} running and queued agents`;

  const stopAll = async (): Promise<void> => {
    setAsking(false);
    setStopping(true);
    await stopAllAgents(services);
    setStopping(false);
  };

  return (
    <>
      <button
        type="button"
        className="stop-all-button"
        aria-haspopup="dialog"
        title="Stop every running agent and cancel the queued ones"
        disabled={activeCount === 0 || stopping}
        onClick={() => setAsking(true)}
      >
        {stopping ? 'Stopping…' : 'Stop all'}
      </button>
      <ConfirmDialog
        open={asking}
        title="Stop all agents"
        confirmLabel="Stop all"
        onConfirm={() => void stopAll()}
        onCancel={() => setAsking(false)}
      >
        Stop {what}? Running agents are interrupted; queued ones never start.
      </ConfirmDialog>
    </>
  );
}
