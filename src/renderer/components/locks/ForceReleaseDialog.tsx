import { useState } from 'react';
import { useModalDialog } from '../use-modal-dialog';
import { useServices } from '../../services-context';
import { forceRelease } from '../../state/lock-actions';

/** The claim the user asked to force-release, as the Locks panel shows it. */
export interface ReleaseRequest {
  path: string;
  holder: string;
}

/**
 * Asks before taking a claim away from its holder, in a native modal <dialog>. An agent whose
 * claim is released may then be overwritten by others, so the holder and the path are named.
 */
export function ForceReleaseDialog(props: { request: ReleaseRequest | null; onClose: () => void }) {
  const { request, onClose } = props;
  const dialogRef = useModalDialog(!!request);

  return (
    <dialog ref={dialogRef} className="dialog confirm-dialog" aria-labelledby="force-release-title" onClose={onClose}>
      {request && <ForceReleaseForm request={request} onDone={onClose} />}
    </dialog>
  );
}

function ForceReleaseForm({ request, onDone }: { request: ReleaseRequest; onDone: () => void }) {
  const services = useServices();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const release = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    const result = await forceRelease(services, request.path);
    setBusy(false);
    if (result.ok) onDone();
    else setError(result.error.message);
  };

  return (
    <div className="confirm-body" aria-busy={busy}>
      <h2 id="force-release-title">Force release</h2>
      <p>
        Take <code>{request.path}</code> away from <strong>{request.holder}</strong>? Other agents may then write
        to it while {request.holder === 'you' ? 'you still expect to own it' : `${request.holder} is still working on it`}.
      </p>
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="button" className="danger" disabled={busy} onClick={() => void release()}>
          {busy ? 'Releasing…' : 'Force release'}
        </button>
      </div>
    </div>
  );
}
