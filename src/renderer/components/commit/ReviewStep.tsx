import { useState } from 'react';
import { useServices } from '../../services-context';
import type { CommitPlan } from '../../state/commit-slice';
import type { DiffMode } from '../diff/DiffViewer';
import { editCommitPlan } from './commit-actions';
import { useCommitPlan } from './commit-selectors';
import { FileDiffPane } from './FileDiffPane';
import { LineStatsView } from './LineStatsView';
import { changeOf, fileStats, orderedGroups, type CommitGroup, type PlannedFile } from './plan-view';

/** Step 2: each group's files with their stats and diffs; move or exclude what does not belong. */
export function ReviewStep() {
  const plan = useCommitPlan();
  const [selected, setSelected] = useState<string | null>(null);
  const [mode, setMode] = useState<DiffMode>('unified');
  if (!plan) return null;
  const groups = orderedGroups(plan).filter((group) => group.files.length > 0 || group.excluded.length > 0);
  // The first file's diff shows at once; a choice that left the plan (Check again) falls back to it.
  const paths = groups.flatMap((group) => [...group.files.map((file) => file.path), ...group.excluded]);
  const shown = selected !== null && paths.includes(selected) ? selected : (paths[0] ?? null);

  return (
    <div className="commit-review-step">
      <div className="commit-review-files">
        {groups.map((group) => (
          <GroupFiles key={group.id} plan={plan} group={group} selected={shown} onSelect={setSelected} />
        ))}
        {plan.undecided.length > 0 && (
          <p className="commit-note">
            {plan.undecided.length} undecided {plan.undecided.length === 1 ? 'file is' : 'files are'} left out until you choose a group in the Plan
            step.
          </p>
        )}
      </div>
      <div className="commit-review-diff">
        {shown === null ? (
          <p className="commit-note">No files to show.</p>
        ) : (
          <FileDiffPane key={shown} path={shown} mode={mode} onModeChange={setMode} />
        )}
      </div>
    </div>
  );
}

function GroupFiles(props: { plan: CommitPlan; group: CommitGroup; selected: string | null; onSelect: (path: string) => void }) {
  const { plan, group, selected, onSelect } = props;
  const services = useServices();
  return (
    <section className="commit-review-group" aria-label={`Files of ${group.title}`}>
      <h3 className="commit-heading">{group.title}</h3>
      {group.files.length === 0 && <p className="commit-note">No files.</p>}
      <ul className="commit-file-list">
        {group.files.map((file) => (
          <FileRow key={file.path} plan={plan} group={group} file={file} selected={selected === file.path} onSelect={() => onSelect(file.path)} />
        ))}
        {group.excluded.map((path) => (
          <li key={`excluded:${path}`} className="commit-file excluded">
            <button type="button" className="commit-file-path" onClick={() => onSelect(path)} aria-pressed={selected === path}>
              {path}
            </button>
            <span className="commit-muted">excluded</span>
            <button type="button" onClick={() => void editCommitPlan(services, { type: 'include-file', path, groupId: group.id })}>
              Include
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function FileRow(props: { plan: CommitPlan; group: CommitGroup; file: PlannedFile; selected: boolean; onSelect: () => void }) {
  const { plan, group, file, selected, onSelect } = props;
  const services = useServices();
  const change = changeOf(plan, file.path);
  const others = orderedGroups(plan).filter((g) => g.id !== group.id);
  return (
    <li className={`commit-file${selected ? ' selected' : ''}`} data-path={file.path}>
      <button type="button" className="commit-file-path" onClick={onSelect} aria-pressed={selected}>
        {file.oldPath ? `${file.oldPath} → ${file.path}` : file.path}
      </button>
      {change && <span className={`commit-kind commit-kind-${change.kind}`}>{change.kind}</span>}
      <LineStatsView stats={fileStats(plan, file)} binary={change?.binary ?? false} />
      {file.hunks && <span className="commit-muted">{file.hunks.length} {file.hunks.length === 1 ? 'hunk' : 'hunks'}</span>}
      {file.attribution && file.attribution !== 'exact' && (
        <span className="commit-attribution">{file.attribution === 'offline' ? 'changed while Switchyard was not running' : file.attribution}</span>
      )}
      <select
        aria-label={`Move ${file.path} to`}
        value=""
        onChange={(event) => {
          if (event.target.value) void editCommitPlan(services, { type: 'move-file', path: file.path, toGroupId: event.target.value });
        }}
      >
        <option value="">Move to…</option>
        {others.map((g) => (
          <option key={g.id} value={g.id}>
            {g.title}
          </option>
        ))}
      </select>
      <button type="button" aria-label={`Exclude ${file.path}`} onClick={() => void editCommitPlan(services, { type: 'exclude-file', path: file.path })}>
        Exclude
      </button>
    </li>
  );
}
