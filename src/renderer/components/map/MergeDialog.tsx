import { useEffect, useState } from 'react';
import type { MergePreview } from '../../../shared/merge';
import { useServices } from '../../services-context';
import { previewMerge, resolveMergeWithAgent, writeMerge, type MergeRequest } from '../../state/merge-actions';
import { DiffViewer } from '../diff/DiffViewer';
import { useModalDialog } from '../use-modal-dialog';
import '../locks/locks.css';
import type { AgentColors } from './agent-colors';

/**
 * "Merge both": the three-way merge of the overwritten version and the file as it is now, shown
 * before anything is written. A clean merge is written in one click; a merge with conflicts shows
 * its conflict regions and offers an agent to resolve them, and writes the file with conflict
 * markers only when the user ticks that they want exactly that.
 */
export function MergeDialog(props: { request: MergeRequest | null; colors: AgentColors; onClose: () => void }) {
  const { request, colors, onClose } = props;
  const dialogRef = useModalDialog(!!request);
  return (
    <dialog ref={dialogRef} className="dialog confirm-dialog merge-dialog" aria-labelledby="merge-dialog-title" onClose={onClose}>
      {request && (
        <MergeForm key={`${request.path}@${request.base}/${request.ours}/${request.theirs}`} request={request} colors={colors} onDone={onClose} />
      )}
    </dialog>
  );
}

type Loaded = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; preview: MergePreview };

function MergeForm({ request, colors, onDone }: { request: MergeRequest; colors: AgentColors; onDone: () => void }) {
  const services = useServices();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [acceptMarkers, setAcceptMarkers] = useState(false);
  useEffect(() => {
    let current = true;
    void previewMerge(services, request).then((result) => {
      if (!current) return;
      setLoaded(result.ok ? { state: 'ready', preview: result.value } : { state: 'failed', message: result.error.message });
    });
    return () => {
      current = false;
    };
  }, [services, request]);

  const who = (agentId: string | null): string => (agentId === null ? 'the user' : colors.nameOf(agentId));
  const act = async (work: () => Promise<{ ok: true } | { ok: false; error: { message: string } }>): Promise<void> => {
    setBusy(true);
    setProblem(null);
    const result = await work();
    setBusy(false);
    if (result.ok) onDone();
    else setProblem(result.error.message);
  };
  const write = (writeConflicts: boolean) => act(() => writeMerge(services, request, writeConflicts));
  const resolve = () => act(() => resolveMergeWithAgent(services, request, colors.nameOf));

  return (
    <div className="confirm-body" aria-busy={busy || loaded.state === 'loading'}>
      <h2 id="merge-dialog-title">Merge both versions of {request.path}</h2>
      {loaded.state === 'loading' && <p>Merging the versions…</p>}
      {loaded.state === 'failed' && (
        <p className="inline-error" role="alert">
          Could not merge: {loaded.message}
        </p>
      )}
      {loaded.state === 'ready' && (
        <>
          <p>
            Brings back the changes of version {loaded.preview.theirs.version} (<strong>{who(loaded.preview.theirs.agentId)}</strong>) into
            version {loaded.preview.ours.version} (<strong>{who(loaded.preview.ours.agentId)}</strong>, the file now). Both started from version{' '}
            {loaded.preview.base.version}.
          </p>
          {loaded.preview.clean ? (
            <p className="merge-verdict merge-clean" data-testid="merge-verdict">
              The versions merge cleanly. What writing the merge changes in the file:
            </p>
          ) : (
            <ConflictRegions preview={loaded.preview} />
          )}
          <DiffViewer diff={loaded.preview.diff} mode="unified" />
        </>
      )}
      {problem && (
        <p className="inline-error" role="alert">
          {problem}
        </p>
      )}
      {loaded.state === 'ready' && !loaded.preview.clean && (
        <label className="merge-accept">
          <input type="checkbox" checked={acceptMarkers} onChange={(event) => setAcceptMarkers(event.target.checked)} />
          Write the file with the conflict markers in it, for me to resolve by hand
        </label>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        {loaded.state === 'ready' && loaded.preview.clean && (
          <button type="button" className="primary" disabled={busy} onClick={() => void write(false)}>
            {busy ? 'Writing…' : 'Write the merge'}
          </button>
        )}
        {loaded.state === 'ready' && !loaded.preview.clean && (
          <>
            <button type="button" className="danger" disabled={busy || !acceptMarkers} onClick={() => void write(true)}>
              Write with conflict markers
            </button>
            <button type="button" className="primary" disabled={busy} onClick={() => void resolve()}>
              {busy ? 'Launching…' : 'Resolve with an agent'}
            </button>
          </>
        )}
      </div>
    </div>
  );
}

/** The regions git could not merge, as they would be written, markers and all. */
function ConflictRegions({ preview }: { preview: MergePreview }) {
  const lines = preview.merged.split('\n');
  return (
    <div className="merge-conflicts" data-testid="merge-verdict">
      <p className="merge-verdict">
        {preview.conflicts} {preview.conflicts === 1 ? 'region' : 'regions'} could not be merged: both sides changed the same lines. Nothing is
        written unless you choose below.
      </p>
      {preview.regions.map((region) => (
        <figure key={region.start} className="merge-region">
          <figcaption>
            Lines {region.start}–{region.end}
          </figcaption>
          <pre>{lines.slice(region.start - 1, region.end).join('\n')}</pre>
        </figure>
      ))}
    </div>
  );
}
