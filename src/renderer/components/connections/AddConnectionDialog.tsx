import { useState, type FormEvent } from 'react';
import { useServices } from '../../services-context';
import { addConnection } from '../../state/connection-actions';
import { useModalDialog } from '../use-modal-dialog';

/**
 * Adds a connection: a repository another Switchyard serves on this machine, or the Switchyard
 * serving a repository on an SSH host (`[user@]host[:port]`). The window switches to it once added.
 */
export function AddConnectionDialog(props: { open: boolean; onClose: () => void }) {
  const dialogRef = useModalDialog(props.open);
  return (
    <dialog ref={dialogRef} className="dialog" aria-labelledby="add-connection-title" onClose={props.onClose}>
      {props.open && <AddConnectionForm onDone={props.onClose} />}
    </dialog>
  );
}

function AddConnectionForm(props: { onDone: () => void }) {
  const services = useServices();
  const [where, setWhere] = useState<'local' | 'remote'>('local');
  const [target, setTarget] = useState('');
  const [repo, setRepo] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const connections = services.connections;
  if (!connections) return null;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const request = where === 'remote' ? { target: target.trim(), repo: repo.trim() } : { repo: repo.trim() };
    const result = await addConnection({ ...services, connections }, request);
    setBusy(false);
    if (result.ok) props.onDone();
    else setError(result.error.message);
  };

  return (
    <form className="settings-form" noValidate onSubmit={(event) => void submit(event)} aria-busy={busy}>
      <h2 id="add-connection-title">Add connection</h2>
      <fieldset className="connection-where">
        <legend>Where the other Switchyard runs</legend>
        <label className="checkbox-label">
          <input type="radio" name="connection-where" checked={where === 'local'} onChange={() => setWhere('local')} />
          On this machine (a repository another Switchyard serves)
        </label>
        <label className="checkbox-label">
          <input type="radio" name="connection-where" checked={where === 'remote'} onChange={() => setWhere('remote')} />
          On another machine, over SSH
        </label>
      </fieldset>
      {where === 'remote' && (
        <>
          <label htmlFor="connection-target">SSH host</label>
          <input
            id="connection-target"
            type="text"
            value={target}
            placeholder="user@host:22"
            spellCheck={false}
            autoComplete="off"
            onChange={(event) => setTarget(event.target.value)}
          />
        </>
      )}
      <label htmlFor="connection-repo">Repository path{where === 'remote' ? ' on that host' : ''}</label>
      <input
        id="connection-repo"
        type="text"
        value={repo}
        placeholder="/path/to/a/git/repository"
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => setRepo(event.target.value)}
      />
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={props.onDone}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Connecting…' : 'Connect'}
        </button>
      </div>
    </form>
  );
}
