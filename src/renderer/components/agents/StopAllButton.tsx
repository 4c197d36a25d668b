import { useState } from 'react';
import { useServices } from '../../services-context';
import { stopAllAgents } from '../../state/core-actions';
import { isEnded } from '../../state/selectors';
import { useStore } from '../../state/store';

/** Stops every running agent and cancels every queued one, after the user confirms. */
export function StopAllButton() {
  const services = useServices();
  const activeCount = useStore((s) => s.agents.filter((agent) => !isEnded(agent)).length);
  const [stopping, setStopping] = useState(false);

  const stopAll = async (): Promise<void> => {
    const what = activeCount === 1 ? 'the 1 running or queued agent' : `all ${activeCount} running and queued agents`;
    if (!window.confirm(`Stop ${what}? Running agents are interrupted; queued ones never start.`)) return;
    setStopping(true);
    await stopAllAgents(services);
    setStopping(false);
  };

  return (
    <button
      type="button"
      className="stop-all-button"
      title="Stop every running agent and cancel the queued ones"
      disabled={activeCount === 0 || stopping}
      onClick={() => void stopAll()}
    >
      {stopping ? 'Stopping…' : 'Stop all'}
    </button>
  );
}
