import { useState } from 'react';
import type { Agent } from '../../../shared/domain';
import { useServices } from '../../services-context';
import { runCheck } from '../../state/check-actions';
import { useStore } from '../../state/store';
import { CheckDialog } from './CheckDialog';
import { describeCheck } from './CheckBadge';

/**
 * The agent pane's check: a button that opens the last check's output (its state as the label),
 * or, before any, one that runs the repository's test command on HEAD plus the agent's changes.
 */
export function CheckControls({ agent }: { agent: Agent }) {
  const services = useServices();
  const check = useStore((s) => s.checks[agent.id]);
  const [open, setOpen] = useState(false);
  if (!check) {
    return (
      <button
        type="button"
        className="small-button"
        title={`Run the test command on HEAD plus ${agent.name}'s changes, in a temporary worktree`}
        onClick={() => {
          // The output opens once the check is announced; a refusal (no test command) is a toast instead.
          setOpen(true);
          void runCheck(services, agent).then((result) => !result.ok && setOpen(false));
        }}
      >
        Check
      </button>
    );
  }
  return (
    <>
      <button
        type="button"
        className={`small-button check-button check-${check.state}`}
        data-check-state={check.state}
        title={`${describeCheck(check)}. Show the output.`}
        onClick={() => setOpen(true)}
      >
        {check.state === 'running' || check.state === 'queued' ? 'Checking…' : check.state === 'passed' ? 'Check passed' : check.state === 'failed' ? 'Check failed' : 'Check error'}
      </button>
      <CheckDialog agent={agent} open={open} onClose={() => setOpen(false)} />
    </>
  );
}
