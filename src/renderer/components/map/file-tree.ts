/**
 * The picture behind the lock/conflict map, as plain data: the part of the repository tree that
 * agents touched or claim, each file with its owners (agents first, then the greys) and its worst
 * conflict, each directory with how its files split between owners. Pure, so it is memoised in
 * the view and tested with thousands of files.
 */
import type { TouchedFile } from '../../../shared/changes';
import type { Conflict, ConflictSeverity } from '../../../shared/conflicts';
import { BASELINE, CLAIM_ONLY, UNATTRIBUTED, type OwnerKey } from './agent-colors';

/** Which files the map shows: all, those one agent wrote or claims, or those nobody is known to have written. */
export type MapFilter = { kind: 'all' } | { kind: 'agent'; agentId: string } | { kind: 'unattributed' };

export interface MapFileNode {
  kind: 'file';
  path: string;
  name: string;
  file: TouchedFile;
  /** The latest writer first, then everyone else who wrote it; a grey key when no agent did. */
  owners: OwnerKey[];
  conflict: ConflictSeverity | null;
}

export interface MapDirNode {
  kind: 'dir';
  /** Repository-relative, no trailing slash; '' for the root. */
  path: string;
  /** What the row shows: one segment, or several when a chain of single-child directories is folded. */
  name: string;
  dirs: MapDirNode[];
  files: MapFileNode[];
  /** The map's entry for the directory itself (a claim on it, or a write the watcher saw as the directory's), if any. */
  entry: TouchedFile | null;
  /** Files anywhere below. */
  fileCount: number;
  /** How the files below split by their first owner, largest share first. */
  shares: Array<{ owner: OwnerKey; count: number }>;
  conflict: ConflictSeverity | null;
  /** Some file below is claimed. */
  claimed: boolean;
}

export type MapRow =
  | { kind: 'dir'; node: MapDirNode; depth: number; expanded: boolean }
  | { kind: 'file'; node: MapFileNode; depth: number };

const SEVERITY_RANK: Record<ConflictSeverity, number> = { info: 0, warning: 1, critical: 2 };

export function worse(a: ConflictSeverity | null, b: ConflictSeverity | null): ConflictSeverity | null {
  if (a === null) return b;
  if (b === null) return a;
  return SEVERITY_RANK[b] > SEVERITY_RANK[a] ? b : a;
}

/** Who wrote the file, the latest writer first; baseline files' unknown writer is the baseline. */
export function ownersOf(file: TouchedFile): OwnerKey[] {
  const nobody = file.baseline ? BASELINE : UNATTRIBUTED;
  const owners = new Set<OwnerKey>();
  if (file.lastAgentId !== null) owners.add(file.lastAgentId);
  else if (file.lastKind !== null) owners.add(nobody);
  for (const touch of file.touches) owners.add(touch.agentId ?? nobody);
  if (owners.size === 0) owners.add(file.baseline ? BASELINE : CLAIM_ONLY);
  return [...owners];
}

export function filterFiles(files: readonly TouchedFile[], filter: MapFilter): readonly TouchedFile[] {
  switch (filter.kind) {
    case 'all':
      return files;
    case 'agent':
      return files.filter(
        (file) => file.touches.some((touch) => touch.agentId === filter.agentId) || file.claimedBy.includes(filter.agentId),
      );
    case 'unattributed':
      return files.filter((file) => !file.baseline && file.touches.some((touch) => touch.agentId === null));
  }
}

/** How many files each agent wrote or claims, and how many have unattributed changes: the filter's counts. */
export function countByAgent(files: readonly TouchedFile[]): { agents: Map<string, number>; unattributed: number } {
  const agents = new Map<string, number>();
  let unattributed = 0;
  for (const file of files) {
    const ids = new Set<string>(file.claimedBy.filter((id): id is string => id !== null));
    let nobody = false;
    for (const touch of file.touches) {
      if (touch.agentId === null) nobody = true;
      else ids.add(touch.agentId);
    }
    for (const id of ids) agents.set(id, (agents.get(id) ?? 0) + 1);
    if (nobody && !file.baseline) unattributed++;
  }
  return { agents, unattributed };
}

/** The worst severity of the conflicts naming each path (a directory's path without its trailing slash). */
export function conflictSeverityByPath(conflicts: readonly Conflict[]): Map<string, ConflictSeverity> {
  const byPath = new Map<string, ConflictSeverity>();
  for (const conflict of conflicts) {
    for (const raw of conflict.paths) {
      const path = raw.endsWith('/') ? raw.slice(0, -1) : raw;
      byPath.set(path, worse(byPath.get(path) ?? null, conflict.severity)!);
    }
  }
  return byPath;
}

function newDir(path: string, name: string): MapDirNode {
  return { kind: 'dir', path, name, dirs: [], files: [], entry: null, fileCount: 0, shares: [], conflict: null, claimed: false };
}

export function buildFileTree(files: readonly TouchedFile[], conflicts: readonly Conflict[]): MapDirNode {
  const severities = conflictSeverityByPath(conflicts);
  const root = newDir('', '');
  const dirs = new Map<string, MapDirNode>([['', root]]);
  // A path that other paths lie under is a directory (e.g. a claimed "src" beside "src/a.ts"): it
  // is drawn on the directory's row, not as a file of the same name next to it.
  const dirPaths = new Set<string>();
  for (const file of files) {
    for (let i = file.path.indexOf('/'); i > 0; i = file.path.indexOf('/', i + 1)) dirPaths.add(file.path.slice(0, i));
  }
  const dirEntries: TouchedFile[] = [];
  for (const file of files) {
    if (dirPaths.has(file.path)) {
      dirEntries.push(file);
      continue;
    }
    const segments = file.path.split('/');
    let parent = root;
    let dirPath = '';
    for (let i = 0; i < segments.length - 1; i++) {
      dirPath = i === 0 ? segments[0]! : `${dirPath}/${segments[i]!}`;
      let dir = dirs.get(dirPath);
      if (!dir) {
        dir = newDir(dirPath, segments[i]!);
        dirs.set(dirPath, dir);
        parent.dirs.push(dir);
      }
      parent = dir;
    }
    parent.files.push({
      kind: 'file',
      path: file.path,
      name: segments[segments.length - 1]!,
      file,
      owners: ownersOf(file),
      conflict: severities.get(file.path) ?? null,
    });
  }
  for (const entry of dirEntries) dirs.get(entry.path)!.entry = entry;
  summarise(root, severities);
  return root;
}

const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Sorts, counts and folds bottom-up; returns the owner counts of everything below `dir`. */
function summarise(dir: MapDirNode, severities: ReadonlyMap<string, ConflictSeverity>): Map<OwnerKey, number> {
  const counts = new Map<OwnerKey, number>();
  let conflict = severities.get(dir.path) ?? null;
  let claimed = (dir.entry?.claimedBy.length ?? 0) > 0;
  let fileCount = dir.files.length;
  for (const file of dir.files) {
    const first = file.owners[0]!;
    counts.set(first, (counts.get(first) ?? 0) + 1);
    conflict = worse(conflict, file.conflict);
    claimed ||= file.file.claimedBy.length > 0;
  }
  for (const child of dir.dirs) {
    for (const [owner, count] of summarise(child, severities)) counts.set(owner, (counts.get(owner) ?? 0) + count);
    fileCount += child.fileCount;
    conflict = worse(conflict, child.conflict);
    claimed ||= child.claimed;
  }
  dir.files.sort(byName);
  // A directory holding only one directory is shown as one row ("src/core/changes"), as editors do.
  dir.dirs = dir.dirs.map(foldChain).sort(byName);
  dir.fileCount = fileCount;
  dir.conflict = conflict;
  dir.claimed = claimed;
  dir.shares = [...counts].map(([owner, count]) => ({ owner, count })).sort((a, b) => b.count - a.count);
  return counts;
}

function foldChain(dir: MapDirNode): MapDirNode {
  let folded = dir;
  while (folded.files.length === 0 && folded.dirs.length === 1 && folded.entry === null) {
    const only = folded.dirs[0]!;
    folded = { ...only, name: `${folded.name}/${only.name}` };
  }
  return folded;
}

/** With this many files or fewer every directory starts open; above it only the top level and conflicts do. */
export const AUTO_EXPAND_FILE_LIMIT = 300;

export function expandedByDefault(dir: MapDirNode, depth: number, totalFiles: number): boolean {
  return totalFiles <= AUTO_EXPAND_FILE_LIMIT || depth === 0 || dir.conflict !== null;
}

/** The rows on screen, top to bottom: collapsed directories contribute one row and nothing of what is inside. */
export function flattenTree(root: MapDirNode, isExpanded: (dir: MapDirNode, depth: number) => boolean): MapRow[] {
  const rows: MapRow[] = [];
  const visit = (dir: MapDirNode, depth: number): void => {
    for (const child of dir.dirs) {
      const expanded = isExpanded(child, depth);
      rows.push({ kind: 'dir', node: child, depth, expanded });
      if (expanded) visit(child, depth + 1);
    }
    for (const file of dir.files) rows.push({ kind: 'file', node: file, depth });
  };
  visit(root, 0);
  return rows;
}

/** Every directory path a file lies under ("a/b/c.ts" → "a", "a/b"), to open them when it is selected. */
export function ancestorPaths(path: string): string[] {
  const segments = path.split('/');
  return segments.slice(0, -1).map((_, i) => segments.slice(0, i + 1).join('/'));
}
