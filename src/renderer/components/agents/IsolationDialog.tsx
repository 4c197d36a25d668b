import { useEffect, useState } from 'react';
import type { CommandOutput } from '../../../shared/contract';
import type { Agent } from '../../../shared/domain';
import { useServices } from '../../services-context';
import { discardWorktree, loadMovePreview, loadWorktreeLoss, moveToShared } from '../../state/isolation-actions';
import { useStore } from '../../state/store';
import { DiffViewer, type DiffMode } from '../diff/DiffViewer';
import { useModalDialog } from '../use-modal-dialog';

export type IsolationAction = 'discard' | 'move';

/**
 * An isolated agent's two ways out besides the commit wizard, each shown before it is done:
 * Discard (what would be lost: changed files, commits not on the current branch) and Move to the
 * shared tree (each file's diff, and any file the shared tree refuses, with why).
 */
export function IsolationDialog({ agent, action, onClose }: { agent: Agent; action: IsolationAction | null; onClose: () => void }) {
  const dialogRef = useModalDialog(action !== null);
  const titleId = `isolation-title-${agent.id}`;
  return (
    <dialog ref={dialogRef} className="dialog isolation-dialog" aria-labelledby={titleId} onClose={onClose}>
      {action === 'discard' && <DiscardBody agent={agent} titleId={titleId} onClose={onClose} />}
      {action === 'move' && <MoveBody agent={agent} titleId={titleId} onClose={onClose} />}
    </dialog>
  );
}

function DiscardBody({ agent, titleId, onClose }: { agent: Agent; titleId: string; onClose: () => void }) {
  const services = useServices();
  const [loss, setLoss] = useState<CommandOutput<'isolation.loss'> | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void loadWorktreeLoss(services, agent).then((result) => (result.ok ? setLoss(result.value) : setProblem(result.error.message)));
  }, [services, agent]);
  const discard = async (): Promise<void> => {
    setBusy(true);
    const result = await discardWorktree(services, agent);
    setBusy(false);
    if (!result.ok) return setProblem(result.error.message);
    useStore.getState().pushToast(`${agent.name}'s worktree and branch ${agent.workspace?.branch ?? ''} were discarded.`, { tone: 'info' });
    onClose();
  };
  return (
    <div className="isolation-body">
      <h2 id={titleId}>Discard {agent.name}’s worktree?</h2>
      <p>
        Removes <code>{agent.workspace?.path}</code> and the branch <code>{agent.workspace?.branch}</code>, and forgets {agent.name}.
      </p>
      {!loss && !problem && <p>Looking at what would be lost…</p>}
      {loss && (
        <>
          <p role="status" data-testid="isolation-loss">{loss.summary}</p>
          {loss.files.length > 0 && (
            <ul aria-label="Files that would be lost">
              {loss.files.map((path) => (
                <li key={path}>
                  <code>{path}</code>
                  {loss.uncommitted.includes(path) && ' (never committed)'}
                </li>
              ))}
            </ul>
          )}
          {loss.commits.length > 0 && (
            <ul aria-label="Commits not merged into the current branch">
              {loss.commits.map((commit) => (
                <li key={commit.sha}>
                  <code>{commit.sha.slice(0, 7)}</code> {commit.title}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {problem && (
        <p className="inline-error" role="alert">
          {problem}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" autoFocus onClick={onClose}>
          Keep it
        </button>
        <button type="button" className="danger" disabled={!loss || busy} onClick={() => void discard()}>
          Discard worktree and branch
        </button>
      </div>
    </div>
  );
}

function MoveBody({ agent, titleId, onClose }: { agent: Agent; titleId: string; onClose: () => void }) {
  const services = useServices();
  const [preview, setPreview] = useState<CommandOutput<'isolation.movePreview'> | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [mode, setMode] = useState<DiffMode>('unified');
  useEffect(() => {
    void loadMovePreview(services, agent).then((result) => (result.ok ? setPreview(result.value) : setProblem(result.error.message)));
  }, [services, agent]);
  const refused = preview?.files.filter((f) => f.refused !== null) ?? [];
  const move = async (): Promise<void> => {
    setBusy(true);
    const result = await moveToShared(services, agent, preview?.running ?? false);
    setBusy(false);
    if (!result.ok) return setProblem(result.error.message);
    useStore.getState().pushToast(`Moved ${result.value.moved.length} file(s) of ${agent.name} into the shared tree (uncommitted, attributed to ${agent.name}).`, { tone: 'info' });
    onClose();
  };
  return (
    <div className="isolation-body">
      <h2 id={titleId}>Move {agent.name}’s work into the shared tree?</h2>
      <p>
        Writes {agent.name}’s changes since it started into the shared working tree, uncommitted and attributed to {agent.name}; then its worktree and branch{' '}
        <code>{agent.workspace?.branch}</code> are removed and it becomes a shared agent.
      </p>
      {!preview && !problem && <p>Reading the changes…</p>}
      {preview && preview.files.length === 0 && <p>{agent.name} changed nothing since it started.</p>}
      {preview && preview.running && <p className="commit-warning">Codex still runs in the worktree: it is stopped first.</p>}
      {refused.length > 0 && (
        <div className="inline-error" role="alert" aria-label="Files the shared tree refuses">
          Nothing can be moved while these files differ:
          <ul>
            {refused.map((file) => (
              <li key={file.path}>{file.refused}</li>
            ))}
          </ul>
          Bring the branch back through the commit wizard instead (it merges), or commit or undo those shared changes first.
        </div>
      )}
      {preview && preview.files.length > 0 && (
        <>
          <ul aria-label="Files to move">
            {preview.files.map((file) => (
              <li key={file.path}>
                <code>{file.path}</code> {file.kind}
              </li>
            ))}
          </ul>
          <DiffViewer diff={preview.files.map((f) => f.diff).join('')} mode={mode} onModeChange={setMode} />
        </>
      )}
      {problem && (
        <p className="inline-error" role="alert">
          {problem}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" autoFocus onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={!preview || preview.files.length === 0 || refused.length > 0 || busy} onClick={() => void move()}>
          {preview?.running ? `Stop ${agent.name} and move` : 'Move into the shared tree'}
        </button>
      </div>
    </div>
  );
}
