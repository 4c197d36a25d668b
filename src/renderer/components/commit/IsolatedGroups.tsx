import { useEffect, useState } from 'react';
import type { CommandOutput } from '../../../shared/contract';
import { useServices } from '../../services-context';
import type { CommitPlan } from '../../state/commit-slice';
import { DiffViewer, type DiffMode } from '../diff/DiffViewer';
import { editCommitPlan, loadIsolatedDiff } from './commit-actions';

type IsolatedGroup = NonNullable<CommitPlan['isolated']>[number];
type BringBackMode = IsolatedGroup['mode'];

const MODE_LABELS: Record<BringBackMode, string> = {
  merge: 'Merge commit (keeps the branch’s history)',
  squash: 'Squash into one commit',
  'cherry-pick': 'Cherry-pick its commits one by one',
};

/**
 * Isolated agents' branches: each comes back as one group, after the shared groups, the way the
 * user picks. A branch that conflicts, or that changes a file with the user's uncommitted changes,
 * cannot be taken in: its files are listed (a conflicted one's merge, markers and all, in the diff
 * viewer) and the user goes back to fix it on the branch, or leaves it out.
 */
export function IsolatedGroups({ plan }: { plan: CommitPlan }) {
  const groups = plan.isolated ?? [];
  if (groups.length === 0) return null;
  return (
    <section className="commit-isolated" aria-label="Isolated agents">
      <h3 className="commit-heading">Isolated agents’ branches</h3>
      <p className="commit-note">
        Brought back onto {plan.base.ref?.replace(/^refs\/heads\//, '') ?? 'HEAD'} after the groups above. Uncommitted work in an agent’s worktree is committed on
        its branch first, with a message from its task, so nothing is lost.
      </p>
      <ul className="commit-group-list">
        {groups.map((group) => (
          <IsolatedGroupCard key={group.id} group={group} />
        ))}
      </ul>
    </section>
  );
}

function IsolatedGroupCard({ group }: { group: IsolatedGroup }) {
  const services = useServices();
  const [shown, setShown] = useState<string | null>(null);
  const blocked = group.conflicts.length > 0 || group.busy.length > 0;
  return (
    <li className={`commit-group-card commit-isolated-card${group.included ? '' : ' empty'}`} data-group-id={group.id} aria-label={group.title}>
      <div className="commit-group-summary">
        <div className="commit-group-title">
          <label className="checkbox-label">
            <input
              type="checkbox"
              aria-label={`Bring back ${group.title}`}
              checked={group.included}
              disabled={blocked && !group.included}
              onChange={(event) => void editCommitPlan(services, { type: 'set-isolated-included', groupId: group.id, included: event.target.checked })}
            />
            <strong>{group.title}</strong>
          </label>
        </div>
        <div className="commit-muted">
          {count(group.commits.length, 'commit')}, {count(group.files.length, 'file')} changed
          {group.uncommitted.length > 0 && `, ${count(group.uncommitted.length, 'file')} not committed yet in ${group.worktree}`}
        </div>
        <label>
          <span className="commit-muted">How: </span>
          <select
            aria-label={`How to bring back ${group.title}`}
            value={group.mode}
            onChange={(event) => void editCommitPlan(services, { type: 'set-isolated-mode', groupId: group.id, mode: event.target.value as BringBackMode })}
          >
            {(Object.keys(MODE_LABELS) as BringBackMode[]).map((mode) => (
              <option key={mode} value={mode}>
                {MODE_LABELS[mode]}
              </option>
            ))}
          </select>
        </label>
        {group.conflicts.length > 0 && (
          <p className="commit-warning" role="note" data-testid="isolated-conflicts">
            Does not {group.mode === 'cherry-pick' ? 'cherry-pick' : 'merge'} cleanly: {group.conflicts.join(', ')}. Nothing is resolved for you: resolve it on{' '}
            <code>{group.branch}</code> (or try another way), then check again; or leave the branch out.
          </p>
        )}
        {group.busy.length > 0 && (
          <p className="commit-warning" role="note">
            {group.busy.join(', ')} {group.busy.length === 1 ? 'has' : 'have'} your uncommitted changes in the shared tree and the branch changes{' '}
            {group.busy.length === 1 ? 'it' : 'them'} too: commit or put them aside first.
          </p>
        )}
        <ul className="commit-isolated-files" aria-label={`Files of ${group.title}`}>
          {group.files.map((path) => (
            <li key={path}>
              <button type="button" className="link-button" aria-expanded={shown === path} onClick={() => setShown(shown === path ? null : path)}>
                {path}
              </button>
              {group.conflicts.includes(path) && <span className="commit-warning"> conflict</span>}
              {group.busy.includes(path) && <span className="commit-warning"> your changes</span>}
            </li>
          ))}
        </ul>
        {shown && <IsolatedDiff group={group} path={shown} />}
      </div>
    </li>
  );
}

/** A path as bringing the branch back would make it, against HEAD: a conflicted file shows git's markers. */
function IsolatedDiff({ group, path }: { group: IsolatedGroup; path: string }) {
  const services = useServices();
  const [diff, setDiff] = useState<CommandOutput<'commit.isolatedDiff'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [mode, setMode] = useState<DiffMode>('unified');
  useEffect(() => {
    let current = true;
    setDiff(null);
    void loadIsolatedDiff(services, group.id, group.mode, path).then((result) => {
      if (!current) return;
      if (result.ok) setDiff(result.value);
      else setError(result.error.message);
    });
    return () => {
      current = false;
    };
  }, [services, group.id, group.mode, path]);
  if (error) return <p className="inline-error" role="alert">Loading {path}: {error}</p>;
  if (!diff) return <p className="commit-note">Loading {path}…</p>;
  return (
    <div className="commit-file-diff" aria-label={`Bringing back ${path}`}>
      {diff.conflicted && <p className="commit-note">The conflict as git leaves it, between its markers; it is not committed.</p>}
      <DiffViewer diff={diff.diff} mode={mode} onModeChange={setMode} />
    </div>
  );
}

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
