import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TouchedFile } from '../../../shared/changes';
import type { Conflict } from '../../../shared/conflicts';
import { useServices } from '../../services-context';
import { refreshChangeMap } from '../../state/change-actions';
import type { MergeRequest } from '../../state/merge-actions';
import { useAgents, useRepo } from '../../state/selectors';
import { useStore } from '../../state/store';
import type { DiffMode } from '../diff/DiffViewer';
import { EmptyState } from '../EmptyState';
import { BASELINE, UNATTRIBUTED, agentColors, ownerLabel } from './agent-colors';
import { AgentFilter } from './AgentFilter';
import { MessagesButton } from '../messages/MessagesButton';
import { ConflictList } from './ConflictList';
import { FileDetail } from './FileDetail';
import { buildFileTree, countByAgent, filterFiles } from './file-tree';
import { FileTree } from './FileTree';
import { MergeDialog } from './MergeDialog';
import { RestoreDialog, type RestoreRequest } from './RestoreDialog';
import './map.css';

export const CHANGE_MAP_ID = 'change-map';
const NO_FILES: readonly TouchedFile[] = [];
const NO_CONFLICTS: readonly Conflict[] = [];

/**
 * The lock/conflict map, in place of the terminals while it is toggled on: the touched and claimed
 * part of the repository coloured by agent, the conflicts beside it, and the picked file's
 * timeline and diff.
 */
export function ChangeMapView() {
  const repo = useRepo();
  return (
    <section id={CHANGE_MAP_ID} className="change-map" aria-label="Change map" data-testid="change-map">
      {repo === null ? <EmptyState>Open a repository to see which agent changed which file.</EmptyState> : <ChangeMapBody />}
    </section>
  );
}

function ChangeMapBody() {
  const services = useServices();
  const map = useStore((s) => s.changeMap);
  const error = useStore((s) => s.changeMapError);
  const filter = useStore((s) => s.mapFilter);
  const selectedPath = useStore((s) => s.mapSelectedPath);
  const setMapFilter = useStore((s) => s.setMapFilter);
  const selectMapFile = useStore((s) => s.selectMapFile);
  const agents = useAgents();
  const [diffMode, setDiffMode] = useState<DiffMode>('unified');
  const [restoreRequest, setRestoreRequest] = useState<RestoreRequest | null>(null);
  const [mergeRequest, setMergeRequest] = useState<MergeRequest | null>(null);

  const colors = useMemo(() => agentColors(agents), [agents]);
  const files = map?.files ?? NO_FILES;
  const conflicts = map?.conflicts ?? NO_CONFLICTS;
  const counts = useMemo(() => countByAgent(files), [files]);
  const shownFiles = useMemo(() => filterFiles(files, filter), [files, filter]);
  const root = useMemo(() => buildFileTree(shownFiles, conflicts), [shownFiles, conflicts]);
  const shownConflicts = useMemo(
    () => (filter.kind === 'agent' ? conflicts.filter((c) => c.agents.includes(filter.agentId)) : conflicts),
    [conflicts, filter],
  );
  const selectedFile = useMemo(() => files.find((file) => file.path === selectedPath) ?? null, [files, selectedPath]);

  const askToRestore = useCallback((path: string, version: number) => setRestoreRequest({ path, version }), []);
  const onSelect = useCallback((path: string) => selectMapFile(path), [selectMapFile]);
  // A picked file's timeline and diff show at the top of the side column; bring them into view.
  const sideRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (selectedPath !== null) sideRef.current?.scrollTo({ top: 0 });
  }, [selectedPath]);

  if (map === null) {
    return error ? (
      <MapError message={error} onRetry={() => void refreshChangeMap(services)} />
    ) : (
      <EmptyState>Reading who changed what…</EmptyState>
    );
  }

  return (
    <div className="map-layout">
      <div className="map-toolbar">
        <AgentFilter filter={filter} counts={counts} total={files.length} colors={colors} onChange={setMapFilter} />
        <span className="map-legend" aria-label="Legend">
          <span className="map-swatch" style={{ background: 'repeating-linear-gradient(135deg, #6b7380 0 3px, #2d333d 3px 6px)' }} aria-hidden="true" />
          {ownerLabel(UNATTRIBUTED, colors)}
          <span className="map-swatch" style={{ background: '#4a515c' }} aria-hidden="true" />
          {ownerLabel(BASELINE, colors)}
          <span className="map-swatch map-swatch-claim" aria-hidden="true" />
          claimed only
        </span>
        <MessagesButton thread="all" name="Messages between the agents" />
      </div>
      {error && <MapError message={error} onRetry={() => void refreshChangeMap(services)} />}
      <div className="map-columns">
        <div className="map-tree-column">
          {shownFiles.length === 0 ? (
            <p className="map-note">
              {files.length === 0
                ? 'No agent has touched or claimed a file yet. Files appear here as agents write them.'
                : 'No file matches this filter.'}
            </p>
          ) : (
            <FileTree root={root} colors={colors} selectedPath={selectedPath} onSelect={onSelect} />
          )}
        </div>
        <div className="map-side-column" ref={sideRef}>
          {selectedPath !== null && (
            <FileDetail
              key={selectedPath}
              path={selectedPath}
              file={selectedFile}
              agents={agents}
              colors={colors}
              diffMode={diffMode}
              onDiffModeChange={setDiffMode}
              onRestore={(version) => askToRestore(selectedPath, version.version)}
              onClose={() => selectMapFile(null)}
            />
          )}
          <ConflictList conflicts={shownConflicts} colors={colors} onOpenFile={onSelect} onRestore={askToRestore} onMerge={setMergeRequest} />
        </div>
      </div>
      <RestoreDialog request={restoreRequest} colors={colors} onClose={() => setRestoreRequest(null)} />
      <MergeDialog request={mergeRequest} colors={colors} onClose={() => setMergeRequest(null)} />
    </div>
  );
}

function MapError({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <p className="inline-error map-error" role="alert">
      Could not read the change map: {message}{' '}
      <button type="button" onClick={onRetry}>
        Retry
      </button>
    </p>
  );
}
