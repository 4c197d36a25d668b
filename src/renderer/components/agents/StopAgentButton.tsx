import { useState } from 'react';
import type { Agent } from '../../../shared/domain';
import { useServices } from '../../services-context';
import { stopAgent } from '../../state/core-actions';
import { isEnded } from '../../state/selectors';

export function StopAgentButton({ agent }: { agent: Agent }) {
  const services = useServices();
  const [stopping, setStopping] = useState(false);
  const ended = isEnded(agent);

  const stop = async (): Promise<void> => {
    setStopping(true);
    await stopAgent(services, agent);
    setStopping(false);
  };

  return (
    <button
      type="button"
      className="stop-button"
      title={ended ? `${agent.name} has ended` : `Stop ${agent.name}`}
      disabled={ended || stopping}
      onClick={() => void stop()}
    >
      {stopping && !ended ? 'Stopping…' : 'Stop'}
    </button>
  );
}
