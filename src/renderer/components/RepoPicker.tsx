import { useState, type FormEvent } from 'react';
import { AddConnectionDialog } from './connections/AddConnectionDialog';
import { useServices } from '../services-context';
import { openRepository } from '../state/core-actions';
import { useRepo } from '../state/selectors';
import { useStore } from '../state/store';

/**
 * The open repository, and a way to open another: a native chooser in Electron while the window
 * shows its own core (the chooser picks a folder of this machine), a path field otherwise. A
 * failure is shown whole by HeaderAlerts, below the header.
 */
export function RepoPicker() {
  const repo = useRepo();
  const services = useServices();
  const setError = useStore((s) => s.setRepoError);
  const [busy, setBusy] = useState(false);

  const open = async (path: string): Promise<boolean> => {
    setBusy(true);
    setError(null);
    const result = await openRepository(services, path);
    setBusy(false);
    if (!result.ok) setError(result.error.message);
    return result.ok;
  };

  return (
    <div className="repo-picker">
      <span className="repo-path" data-testid="repo-path" title={repo ?? undefined}>
        {repo ?? 'No repository open'}
      </span>
      {services.api.chooseFolder ? (
        <ChooseFolderButton chooseFolder={services.api.chooseFolder} busy={busy} onChosen={open} />
      ) : (
        <RepoPathForm busy={busy} onSubmit={open} />
      )}
      {services.connections && <AddConnectionButton />}
    </div>
  );
}

/** Opening a repository another Switchyard serves (here or over SSH) is adding a connection. */
function AddConnectionButton() {
  const [adding, setAdding] = useState(false);
  return (
    <>
      {/* An icon, not words: at 1300 px the header has no room for another label. */}
      <button
        type="button"
        className="add-connection-button"
        aria-label="Add connection…"
        title="Add connection… (a repository another Switchyard serves, on this machine or over SSH)"
        onClick={() => setAdding(true)}
      >
        ⇄+
      </button>
      <AddConnectionDialog open={adding} onClose={() => setAdding(false)} />
    </>
  );
}

function ChooseFolderButton(props: {
  chooseFolder: () => Promise<string | null>;
  busy: boolean;
  onChosen: (path: string) => Promise<boolean>;
}) {
  const choose = async (): Promise<void> => {
    const path = await props.chooseFolder();
    if (path !== null) await props.onChosen(path);
  };
  return (
    <button type="button" disabled={props.busy} onClick={() => void choose()}>
      Choose folder…
    </button>
  );
}

function RepoPathForm(props: { busy: boolean; onSubmit: (path: string) => Promise<boolean> }) {
  const [path, setPath] = useState('');
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    // The core validates the path and explains what is wrong with it; an empty one included.
    if (await props.onSubmit(path.trim())) setPath('');
  };
  return (
    <form className="repo-form" onSubmit={(event) => void submit(event)}>
      <label className="visually-hidden" htmlFor="repo-path-input">
        Repository path
      </label>
      <input
        id="repo-path-input"
        type="text"
        value={path}
        placeholder="/path/to/a/git/repository"
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => setPath(event.target.value)}
      />
      <button type="submit" disabled={props.busy}>
        Open
      </button>
    </form>
  );
}
