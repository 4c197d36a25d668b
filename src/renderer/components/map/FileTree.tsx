import { memo, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ConflictSeverity } from '../../../shared/conflicts';
import { LockIcon } from '../locks/LockIcon';
import { CLAIM_ONLY, ownerLabel, type AgentColors } from './agent-colors';
import { ancestorPaths, expandedByDefault, flattenTree, type MapDirNode, type MapFileNode, type MapRow } from './file-tree';
import { listNames, swatchBackground } from './owner-swatch';
import { useVirtualRows } from './use-virtual-rows';

/** Fixed, so the visible slice of a long tree is a division away (matches .map-row in map.css). */
const ROW_HEIGHT = 26;
const INDENT_PX = 14;

/**
 * The touched and claimed part of the repository as a tree: each file a swatch in its writers'
 * colours, each directory a bar of how its files split between agents. Only the rows in view are
 * rendered; collapsed directories build no rows at all.
 */
export function FileTree(props: { root: MapDirNode; colors: AgentColors; selectedPath: string | null; onSelect: (path: string) => void }) {
  const { root, colors, selectedPath, onSelect } = props;
  const [overrides, setOverrides] = useState<ReadonlyMap<string, boolean>>(new Map());
  const rows = useMemo(
    () => flattenTree(root, (dir, depth) => overrides.get(dir.path) ?? expandedByDefault(dir, depth, root.fileCount)),
    [root, overrides],
  );
  const containerRef = useRef<HTMLDivElement>(null);
  const { start, end } = useVirtualRows(containerRef, rows.length, ROW_HEIGHT);
  // The row that takes Tab and arrow keys (roving tabindex); kept inside the list as it shrinks.
  const [wantedIndex, setActiveIndex] = useState(0);
  const activeIndex = Math.min(wantedIndex, Math.max(0, rows.length - 1));
  const focusPending = useRef(false);
  const scrolledTo = useRef<string | null>(null);

  // A file selected elsewhere (a conflict's path) is opened up to and scrolled into view, once.
  useEffect(() => {
    if (selectedPath === null) return;
    setOverrides((previous) => {
      const closed = ancestorPaths(selectedPath).filter((path) => previous.get(path) === false);
      if (closed.length === 0) return previous;
      const next = new Map(previous);
      for (const path of closed) next.set(path, true);
      return next;
    });
  }, [selectedPath]);
  useEffect(() => {
    if (selectedPath === null || scrolledTo.current === selectedPath) return;
    const index = rows.findIndex((row) => row.kind === 'file' && row.node.path === selectedPath);
    if (index < 0) return;
    scrolledTo.current = selectedPath;
    setActiveIndex(index);
    scrollRowIntoView(containerRef.current, index);
  }, [selectedPath, rows]);

  useEffect(() => {
    if (!focusPending.current) return;
    focusPending.current = false;
    scrollRowIntoView(containerRef.current, activeIndex);
    containerRef.current?.querySelector<HTMLElement>(`[data-row-index="${activeIndex}"]`)?.focus();
  }, [activeIndex, start]);

  const toggle = (dir: MapDirNode, expanded: boolean): void => setOverrides((previous) => new Map(previous).set(dir.path, !expanded));
  const activate = (row: MapRow): void => (row.kind === 'dir' ? toggle(row.node, row.expanded) : onSelect(row.node.path));
  const moveTo = (index: number): void => {
    focusPending.current = true;
    setActiveIndex(Math.max(0, Math.min(rows.length - 1, index)));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const row = rows[activeIndex];
    if (!row) return;
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(activeIndex + 1),
      ArrowUp: () => moveTo(activeIndex - 1),
      Home: () => moveTo(0),
      End: () => moveTo(rows.length - 1),
      ArrowRight: () => row.kind === 'dir' && !row.expanded && toggle(row.node, false),
      ArrowLeft: () => row.kind === 'dir' && row.expanded && toggle(row.node, true),
      Enter: () => activate(row),
      ' ': () => activate(row),
    };
    const handler = keys[event.key];
    if (!handler) return;
    event.preventDefault();
    handler();
  };

  const shown = rows.slice(start, end);
  return (
    <div
      ref={containerRef}
      className="map-tree"
      role="tree"
      aria-label="Touched files"
      onKeyDown={onKeyDown}
      onFocus={(event) => {
        // A click focuses its row too; the arrow keys go on from there.
        const index = Number((event.target as HTMLElement).dataset.rowIndex);
        if (Number.isInteger(index)) setActiveIndex(index);
      }}
    >
      <div className="map-tree-spacer" style={{ height: rows.length * ROW_HEIGHT }}>
        {shown.map((row, i) => {
          const index = start + i;
          const common = { index, top: index * ROW_HEIGHT, depth: row.depth, active: index === activeIndex, setSize: rows.length };
          return row.kind === 'dir' ? (
            <DirRow key={`d:${row.node.path}`} {...common} dir={row.node} expanded={row.expanded} colors={colors} onToggle={toggle} />
          ) : (
            <FileRow
              key={`f:${row.node.path}`}
              {...common}
              file={row.node}
              colors={colors}
              selected={row.node.path === selectedPath}
              onSelect={onSelect}
            />
          );
        })}
      </div>
    </div>
  );
}

function scrollRowIntoView(container: HTMLElement | null, index: number): void {
  if (!container) return;
  const top = index * ROW_HEIGHT;
  if (top < container.scrollTop) container.scrollTop = top;
  else if (top + ROW_HEIGHT > container.scrollTop + container.clientHeight) container.scrollTop = top + ROW_HEIGHT - container.clientHeight;
}

interface RowPlacement {
  index: number;
  top: number;
  depth: number;
  active: boolean;
  setSize: number;
}

const rowStyle = ({ top, depth }: RowPlacement) => ({ top, height: ROW_HEIGHT, paddingLeft: 6 + depth * INDENT_PX });

const SEVERITY_WORDS: Record<ConflictSeverity, string> = { info: 'a minor conflict', warning: 'a conflict', critical: 'a critical conflict' };

function ConflictMark({ severity }: { severity: ConflictSeverity }) {
  return (
    <span className={`map-conflict-mark severity-${severity}`} aria-hidden="true" title={`In ${SEVERITY_WORDS[severity]}`}>
      !
    </span>
  );
}

const DirRow = memo(function DirRow(
  props: RowPlacement & { dir: MapDirNode; expanded: boolean; colors: AgentColors; onToggle: (dir: MapDirNode, expanded: boolean) => void },
) {
  const { dir, expanded, colors, onToggle } = props;
  const claimedBy = dir.entry?.claimedBy ?? [];
  const claimants = claimedBy.map((id) => (id === null ? 'you' : colors.nameOf(id)));
  return (
    <div
      role="treeitem"
      aria-level={props.depth + 1}
      aria-expanded={expanded}
      aria-selected={false}
      aria-setsize={props.setSize}
      aria-posinset={props.index + 1}
      tabIndex={props.active ? 0 : -1}
      data-row-index={props.index}
      className={`map-row map-dir${dir.conflict ? ` conflict-${dir.conflict}` : ''}`}
      style={rowStyle(props)}
      onClick={() => onToggle(dir, expanded)}
    >
      <span className="map-twisty" aria-hidden="true">
        {expanded ? '▾' : '▸'}
      </span>
      <span className="map-name">{dir.name}/</span>
      <span className="map-count">{dir.fileCount}</span>
      {claimants.length > 0 && (
        <span className="map-lock" style={{ color: claimedBy[0] ? colors.colorOf(claimedBy[0]) : undefined }} title={`Claimed by ${listNames(claimants)}`}>
          <LockIcon />
          <span className="visually-hidden">, claimed by {listNames(claimants)}</span>
        </span>
      )}
      {dir.conflict && <ConflictMark severity={dir.conflict} />}
      <span className="map-share-bar" aria-hidden="true">
        {dir.shares.map(({ owner, count }) => (
          <span
            key={owner}
            className={owner === CLAIM_ONLY ? 'map-share map-share-claim' : 'map-share'}
            style={{ flexGrow: count, background: swatchBackground([owner], colors) }}
            title={`${ownerLabel(owner, colors)}: ${count}`}
          />
        ))}
      </span>
    </div>
  );
});

const FileRow = memo(function FileRow(
  props: RowPlacement & { file: MapFileNode; colors: AgentColors; selected: boolean; onSelect: (path: string) => void },
) {
  const { file, colors, selected, onSelect } = props;
  const writers = file.owners.filter((owner) => owner !== CLAIM_ONLY).map((owner) => ownerLabel(owner, colors));
  const claimants = file.file.claimedBy.map((id) => (id === null ? 'you' : colors.nameOf(id)));
  const claimColor = file.file.claimedBy[0] ? colors.colorOf(file.file.claimedBy[0]) : undefined;
  const description = [
    writers.length > 0 && `written by ${listNames(writers)}`,
    claimants.length > 0 && `claimed by ${listNames(claimants)}`,
    file.conflict && `in ${SEVERITY_WORDS[file.conflict]}`,
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <div
      role="treeitem"
      aria-level={props.depth + 1}
      aria-selected={selected}
      aria-setsize={props.setSize}
      aria-posinset={props.index + 1}
      tabIndex={props.active ? 0 : -1}
      data-row-index={props.index}
      data-path={file.path}
      data-owners={file.owners.join(' ')}
      data-conflict={file.conflict ?? undefined}
      className={`map-row map-file${selected ? ' selected' : ''}${file.conflict ? ` conflict-${file.conflict}` : ''}`}
      style={rowStyle(props)}
      title={`${file.path}\n${description}`}
      onClick={() => onSelect(file.path)}
    >
      <span
        className={file.owners[0] === CLAIM_ONLY ? 'map-swatch map-swatch-claim' : 'map-swatch'}
        style={{ background: swatchBackground(file.owners, colors), borderColor: claimColor }}
        aria-hidden="true"
      />
      <span className="map-name">{file.name}</span>
      <span className="visually-hidden">, {description}</span>
      {claimants.length > 0 && (
        <span className="map-lock" style={{ color: claimColor }} aria-hidden="true">
          <LockIcon />
        </span>
      )}
      {file.conflict && <ConflictMark severity={file.conflict} />}
      <span className="map-owners" aria-hidden="true">
        {writers.join(' · ')}
      </span>
    </div>
  );
});
