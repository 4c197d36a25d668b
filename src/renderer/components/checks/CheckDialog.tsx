import { useState } from 'react';
import type { Agent } from '../../../shared/domain';
import { useServices } from '../../services-context';
import { runCheck } from '../../state/check-actions';
import { useStore } from '../../state/store';
import { useModalDialog } from '../use-modal-dialog';
import { describeCheck } from './CheckBadge';
import { RollbackPanel } from './RollbackPanel';
import './checks.css';

/** The agent's last check: what ran on which files, its output, and (after a failure) Roll back this agent. */
export function CheckDialog({ agent, open, onClose }: { agent: Agent; open: boolean; onClose: () => void }) {
  const dialogRef = useModalDialog(open);
  const titleId = `check-title-${agent.id}`;
  return (
    <dialog ref={dialogRef} className="dialog check-dialog" aria-labelledby={titleId} onClose={onClose}>
      {open && <CheckBody agent={agent} titleId={titleId} onClose={onClose} />}
    </dialog>
  );
}

function CheckBody({ agent, titleId, onClose }: { agent: Agent; titleId: string; onClose: () => void }) {
  const services = useServices();
  const check = useStore((s) => s.checks[agent.id]);
  const [rollingBack, setRollingBack] = useState(false);
  const busy = check?.state === 'running' || check?.state === 'queued';
  if (rollingBack) return <RollbackPanel agent={agent} titleId={titleId} onDone={onClose} onCancel={() => setRollingBack(false)} />;
  return (
    <div className="check-body">
      <h2 id={titleId}>Check of {agent.name}</h2>
      {!check ? (
        <p>Starting the check…</p>
      ) : (
        <>
          <p className={`check-summary check-${check.state}`} role="status">
            {describeCheck(check)}
            {check.durationMs !== null && ` (${(check.durationMs / 1000).toFixed(1)} s; worktree ${check.worktreeMs ?? '–'} ms)`}
          </p>
          {check.files.length > 0 && (
            <p className="check-files">
              Files: {check.files.map((f) => <code key={f}>{f}</code>)}
            </p>
          )}
          <pre className="check-output" aria-label="Check output" tabIndex={0}>
            {check.output || (busy ? 'No output yet.' : 'No output.')}
          </pre>
        </>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
        <button type="button" disabled={busy} onClick={() => void runCheck(services, agent)}>
          Run check again
        </button>
        {check?.state === 'failed' && (
          <button type="button" className="primary danger" onClick={() => setRollingBack(true)}>
            Roll back this agent…
          </button>
        )}
      </div>
    </div>
  );
}
