import { useEffect, useMemo, useState } from 'react';
import type { CommandOutput } from '../../../shared/contract';
import { useServices } from '../../services-context';
import type { CommitPlan } from '../../state/commit-slice';
import { DiffViewer, type DiffMode } from '../diff/DiffViewer';
import { rehunk, type ChangeRange } from '../diff/rehunk';
import { editCommitPlan, loadFileDiff } from './commit-actions';
import { useCommitPlan } from './commit-selectors';
import { orderedGroups } from './plan-view';

type FileDiff = CommandOutput<'commit.diff'>;

/**
 * One file's working-tree diff, hunk by hunk. For a file the plan splits by hunk, each hunk shows
 * the group it goes to and a way to move it.
 */
export function FileDiffPane(props: { path: string; mode: DiffMode; onModeChange: (mode: DiffMode) => void }) {
  const { path, mode, onModeChange } = props;
  const services = useServices();
  const plan = useCommitPlan();
  const [diff, setDiff] = useState<FileDiff | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    void loadFileDiff(services, path).then((result) => {
      if (!current) return;
      if (result.ok) setDiff(result.value);
      else setError(result.error.message);
    });
    return () => {
      current = false;
    };
  }, [services, path]);

  const split = plan !== null && plan.groups.some((group) => group.files.some((file) => file.path === path && file.hunks));
  // The core's diff has the whole file as context; cut to the changes (as `git diff` shows them), so
  // a change deep in a long file is not past the viewer's line budget, and hunk i is range i.
  const shown = useMemo(() => (diff ? rehunk(diff.diff, diff.hunks) : ''), [diff]);

  if (error) {
    return (
      <p className="inline-error" role="alert">
        Loading the diff of {path}: {error}
      </p>
    );
  }
  if (!diff) return <p className="commit-note">Loading the diff of {path}…</p>;
  return (
    <div className="commit-file-diff" aria-label={`Changes of ${path}`}>
      {diff.binary && diff.diff.trim() === '' && <p className="commit-note">{path} is a binary file; its contents are not shown.</p>}
      <DiffViewer
        diff={shown}
        mode={mode}
        onModeChange={onModeChange}
        hunkActions={split && plan ? (index) => <HunkTarget plan={plan} path={path} hunk={diff.hunks[index]} /> : undefined}
      />
    </div>
  );
}

function sameRange(a: ChangeRange, b: ChangeRange): boolean {
  return a.oldStart === b.oldStart && a.oldLines === b.oldLines && a.newStart === b.newStart && a.newLines === b.newLines;
}

/** Which group a hunk goes to, as a select that moves it. */
function HunkTarget({ plan, path, hunk }: { plan: CommitPlan; path: string; hunk: ChangeRange | undefined }) {
  const services = useServices();
  if (!hunk) return null;
  const groups = orderedGroups(plan);
  const owner = groups.find((group) => group.files.some((file) => file.path === path && file.hunks?.some((h) => sameRange(h, hunk))));
  return (
    <label className="commit-hunk-target">
      <span>Goes to</span>
      <select
        aria-label={`Group for the hunk at line ${hunk.newStart} of ${path}`}
        value={owner?.id ?? ''}
        onChange={(event) => void editCommitPlan(services, { type: 'move-hunk', path, hunk, toGroupId: event.target.value })}
      >
        {!owner && <option value="">(not in the plan)</option>}
        {groups.map((group) => (
          <option key={group.id} value={group.id}>
            {group.title}
          </option>
        ))}
      </select>
    </label>
  );
}
