import { useEffect, useState } from 'react';
import { useModalDialog } from '../use-modal-dialog';
import { useServices } from '../../services-context';
import type { TimelineVersion } from '../../../shared/changes';
import { loadTimeline, restoreVersion } from '../../state/change-actions';
import '../locks/locks.css';
import { versionWriter, type AgentColors } from './agent-colors';

/** A journal version the user asked to write back, as the map shows it. */
export interface RestoreRequest {
  path: string;
  version: number;
}

/**
 * Asks before writing a version back over the file: whatever is in it now (another agent's work,
 * the user's edit) is replaced, though the journal keeps it as a version too.
 */
export function RestoreDialog(props: { request: RestoreRequest | null; colors: AgentColors; onClose: () => void }) {
  const { request, colors, onClose } = props;
  const dialogRef = useModalDialog(!!request);

  return (
    <dialog ref={dialogRef} className="dialog confirm-dialog" aria-labelledby="restore-version-title" onClose={onClose}>
      {request && <RestoreForm key={`${request.path}@${request.version}`} request={request} colors={colors} onDone={onClose} />}
    </dialog>
  );
}

function RestoreForm({ request, colors, onDone }: { request: RestoreRequest; colors: AgentColors; onDone: () => void }) {
  const services = useServices();
  const [busy, setBusy] = useState(false);
  // A conflict's action names only the version; who wrote it and when come from the timeline.
  const [version, setVersion] = useState<TimelineVersion | null>(null);
  useEffect(() => {
    let current = true;
    void loadTimeline(services, request.path).then((result) => {
      if (current && result.ok) setVersion(result.value.versions.find((v) => v.version === request.version) ?? null);
    });
    return () => {
      current = false;
    };
  }, [services, request]);

  const restore = async (): Promise<void> => {
    setBusy(true);
    await restoreVersion(services, request.path, request.version);
    setBusy(false);
    onDone();
  };

  const writer = version === null ? null : versionWriter(version, colors);
  return (
    <div className="confirm-body" aria-busy={busy}>
      <h2 id="restore-version-title">Restore this version</h2>
      <p>
        Write version {request.version} of <code>{request.path}</code>
        {version && writer && (
          <>
            {' '}
            (<strong>{writer}</strong>, {new Date(version.at).toLocaleTimeString()})
          </>
        )}{' '}
        back to the file? Its current content is replaced; the journal keeps that too, so this can be undone the same way.
      </p>
      <div className="dialog-actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={busy} onClick={() => void restore()}>
          {busy ? 'Restoring…' : `Restore version ${request.version}`}
        </button>
      </div>
    </div>
  );
}
