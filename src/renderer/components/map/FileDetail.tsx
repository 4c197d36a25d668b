import { useEffect, useState } from 'react';
import type { TimelineVersion, TouchedFile } from '../../../shared/changes';
import type { Agent } from '../../../shared/domain';
import { useServices } from '../../services-context';
import { assignFile, loadDiff, loadTimeline } from '../../state/change-actions';
import { DiffViewer, type DiffMode } from '../diff/DiffViewer';
import { BASELINE, UNATTRIBUTED, ownerBackground, versionOwner, versionWriter, type AgentColors } from './agent-colors';

type Loaded<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; message: string };

/**
 * A file picked on the map: every version the journal kept, the diff between two of them, restore
 * and assign. Keyed by path where it is used, so another file starts from a clean slate.
 */
export function FileDetail(props: {
  path: string;
  /** The map's entry for it; null when it left the map (e.g. its changes were undone). */
  file: TouchedFile | null;
  agents: readonly Agent[];
  colors: AgentColors;
  diffMode: DiffMode;
  onDiffModeChange: (mode: DiffMode) => void;
  onRestore: (version: TimelineVersion) => void;
  onClose: () => void;
}) {
  const { path, file, colors } = props;
  const services = useServices();
  const [timeline, setTimeline] = useState<Loaded<TimelineVersion[]>>({ state: 'loading' });
  const [picked, setPicked] = useState<number | null>(null);
  const [compareWith, setCompareWith] = useState<number | null>(null);

  // A new version (the map's count or time moved) is fetched; the user's pick stays if it still exists.
  const versionsKey = `${file?.versions ?? -1}:${file?.lastAt ?? ''}`;
  useEffect(() => {
    let current = true;
    void loadTimeline(services, path).then((result) => {
      if (!current) return;
      setTimeline(result.ok ? { state: 'ready', value: result.value.versions } : { state: 'failed', message: result.error.message });
    });
    return () => {
      current = false;
    };
  }, [services, path, versionsKey]);

  const versions = timeline.state === 'ready' ? timeline.value : [];
  const latest = versions[versions.length - 1];
  const shown = versions.find((v) => v.version === picked) ?? latest ?? null;

  return (
    <section className="map-detail" aria-label={`File ${path}`} data-testid="map-file-detail">
      <header className="map-detail-header">
        <h3 className="map-detail-path">{path}</h3>
        <button type="button" className="map-close" aria-label="Close file" title="Close" onClick={props.onClose}>
          ×
        </button>
      </header>
      {file && <FileFacts file={file} colors={colors} />}
      {file?.isolated && (
        <p className="map-note" data-testid="map-file-isolated">
          In an isolated agent’s own worktree, on its branch: a different file from the shared tree’s, so it overlaps nobody. Its versions are its
          branch’s history, not the journal’s.
        </p>
      )}
      {file && file.touches.some((touch) => touch.agentId === null) && !file.baseline && (
        <AssignForm path={path} agents={props.agents} />
      )}
      {timeline.state === 'loading' && <p className="map-note">Loading the timeline…</p>}
      {timeline.state === 'failed' && (
        <p className="inline-error" role="alert">
          {timeline.message}
        </p>
      )}
      {timeline.state === 'ready' && versions.length === 0 && <p className="map-note">The journal holds no version of this file.</p>}
      {shown && (
        <>
          <h4 className="map-subheading">Timeline</h4>
          <ol className="map-timeline" aria-label="Versions">
            {[...versions].reverse().map((version) => (
              <li key={version.version}>
                <button
                  type="button"
                  className="map-version"
                  aria-pressed={version.version === shown.version}
                  data-version={version.version}
                  onClick={() => setPicked(version.version)}
                >
                  <span
                    className="map-swatch"
                    style={{ background: ownerBackground(versionOwner(version), colors) }}
                    aria-hidden="true"
                  />
                  <span className="map-version-number">v{version.version}</span>
                  <span className="map-version-writer">{versionWriter(version, colors)}</span>
                  <span className="map-version-meta">
                    {new Date(version.at).toLocaleTimeString()} · {version.attribution} · {version.rule}
                    {version.state !== 'kept' && ` · ${version.state}`}
                    {version.size !== null && ` · ${formatSize(version.size)}`}
                  </span>
                </button>
              </li>
            ))}
          </ol>
          <VersionDiff
            path={path}
            version={shown}
            versions={versions}
            compareWith={compareWith}
            onCompareWith={setCompareWith}
            mode={props.diffMode}
            onModeChange={props.onDiffModeChange}
            onRestore={() => props.onRestore(shown)}
          />
        </>
      )}
    </section>
  );
}

function FileFacts({ file, colors }: { file: TouchedFile; colors: AgentColors }) {
  return (
    <dl className="map-facts">
      <dt>Writers</dt>
      <dd>
        {file.touches.length === 0
          ? 'none yet'
          : file.touches.map((touch, i) => (
              <span key={`${touch.agentId ?? '-'}:${i}`} className="map-agent-tag">
                <span
                  className="map-chip-dot"
                  style={{ background: touch.agentId === null ? ownerBackground(file.baseline ? BASELINE : UNATTRIBUTED, colors) : colors.colorOf(touch.agentId) }}
                  aria-hidden="true"
                />
                {touch.agentId === null
                  ? touch.unmanagedPid !== undefined
                    ? `unmanaged Codex (pid ${touch.unmanagedPid})`
                    : touch.attribution === 'offline'
                    ? 'changed while Switchyard was not running'
                    : file.baseline
                      ? 'before Switchyard'
                      : 'unattributed'
                  : colors.nameOf(touch.agentId)}{' '}
                ({touch.attribution},{' '}
                {touch.changes} {touch.changes === 1 ? 'change' : 'changes'})
              </span>
            ))}
      </dd>
      {file.claimedBy.length > 0 && (
        <>
          <dt>Claimed by</dt>
          <dd>{file.claimedBy.map((id) => (id === null ? 'you' : colors.nameOf(id))).join(', ')}</dd>
        </>
      )}
    </dl>
  );
}

function VersionDiff(props: {
  path: string;
  version: TimelineVersion;
  versions: readonly TimelineVersion[];
  compareWith: number | null;
  onCompareWith: (version: number | null) => void;
  mode: DiffMode;
  onModeChange: (mode: DiffMode) => void;
  onRestore: () => void;
}) {
  const { path, version, versions, compareWith, mode } = props;
  const services = useServices();
  const [diff, setDiff] = useState<Loaded<string>>({ state: 'loading' });
  const from = compareWith !== null && compareWith !== version.version ? compareWith : undefined;

  useEffect(() => {
    let current = true;
    setDiff({ state: 'loading' });
    void loadDiff(services, path, version.version, from).then((result) => {
      if (!current) return;
      setDiff(result.ok ? { state: 'ready', value: result.value.diff } : { state: 'failed', message: result.error.message });
    });
    return () => {
      current = false;
    };
  }, [services, path, version.version, from]);

  const restorable = version.state === 'kept' || version.state === 'deleted';
  return (
    <div className="map-version-diff">
      <div className="map-diff-toolbar">
        <label>
          Compare v{version.version} with{' '}
          <select
            value={from ?? ''}
            onChange={(event) => props.onCompareWith(event.target.value === '' ? null : Number(event.target.value))}
          >
            <option value="">the version before</option>
            {versions
              .filter((v) => v.version !== version.version)
              .map((v) => (
                <option key={v.version} value={v.version}>
                  v{v.version}
                </option>
              ))}
          </select>
        </label>
        <button
          type="button"
          disabled={!restorable}
          title={restorable ? `Write v${version.version} back to ${path}` : `v${version.version} was ${version.state}; it cannot be written back`}
          onClick={props.onRestore}
        >
          Restore this version
        </button>
      </div>
      {diff.state === 'loading' && <p className="map-note">Loading the diff…</p>}
      {diff.state === 'failed' && (
        <p className="inline-error" role="alert">
          {diff.message}
        </p>
      )}
      {diff.state === 'ready' &&
        (diff.value === '' && from === undefined && version.version === 1 ? (
          <p className="map-note">v1 is the first version recorded; pick a later one, or compare it with another version.</p>
        ) : (
          <DiffViewer diff={diff.value} mode={mode} onModeChange={props.onModeChange} />
        ))}
    </div>
  );
}

/** For changes nobody is known to have made: the user names the agent. */
function AssignForm({ path, agents }: { path: string; agents: readonly Agent[] }) {
  const services = useServices();
  const [open, setOpen] = useState(false);
  const [agentId, setAgentId] = useState('');
  const [busy, setBusy] = useState(false);
  if (!open) {
    return (
      <button type="button" className="map-assign-open" disabled={agents.length === 0} onClick={() => setOpen(true)}>
        Assign to agent…
      </button>
    );
  }
  const chosen = agents.find((agent) => agent.id === agentId) ?? agents[0];
  const assign = async (): Promise<void> => {
    if (!chosen) return;
    setBusy(true);
    const done = await assignFile(services, path, chosen.id, chosen.name);
    setBusy(false);
    if (done) setOpen(false);
  };
  return (
    <form
      className="map-assign-form"
      aria-label="Assign to agent"
      onSubmit={(event) => {
        event.preventDefault();
        void assign();
      }}
    >
      <label>
        Its unattributed changes were made by{' '}
        <select value={chosen?.id ?? ''} onChange={(event) => setAgentId(event.target.value)}>
          {agents.map((agent) => (
            <option key={agent.id} value={agent.id}>
              {agent.name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="primary" disabled={busy || !chosen}>
        {busy ? 'Assigning…' : 'Assign'}
      </button>
      <button type="button" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </form>
  );
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
