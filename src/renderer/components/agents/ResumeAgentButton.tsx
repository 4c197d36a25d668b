import { useState } from 'react';
import type { Agent } from '../../../shared/domain';
import { useServices } from '../../services-context';
import { resumeAgent } from '../../state/core-actions';

/**
 * Continues an ended agent's Codex session (`codex resume`); shown only when Codex reported one.
 * The resume queues like a launch: with max concurrent agents working it waits for a slot.
 */
export function ResumeAgentButton({ agent }: { agent: Agent }) {
  const services = useServices();
  const [resuming, setResuming] = useState(false);

  const resume = async (): Promise<void> => {
    setResuming(true);
    await resumeAgent(services, agent);
    setResuming(false);
  };

  return (
    <button
      type="button"
      className="resume-button"
      title={`Continue ${agent.name}'s Codex session (it waits in the queue while the limit of working agents is reached)`}
      disabled={resuming}
      onClick={() => void resume()}
    >
      {resuming ? 'Resuming…' : 'Resume'}
    </button>
  );
}
