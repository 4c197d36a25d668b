/**
 * Folds the tracker's change list into what the map and the commit plan need: per file, who
 * wrote it and how sure we are. Pure functions over TrackedChange lists.
 */
import type { TouchedFile, FileTouch } from '../../shared/changes';
import type { ClaimView } from '../../shared/locks';
import type { AttributionEntry } from './attribution-entry';
import { strengthOf, type Attribution, type TrackedChange } from './change-types';

/** Offline ranks above unattributed, so a file partly changed while Switchyard was not running says so. */
const ATTRIBUTION_RANK: Record<Attribution, number> = { exact: 3, inferred: 2, offline: 1, unattributed: 0 };

/** Switchyard's own restores and merges, and what was there before it started, are nobody's work. */
const isAgentWork = (change: TrackedChange): boolean =>
  change.evidence.rule !== 'baseline' && change.evidence.rule !== 'restore' && change.evidence.rule !== 'merge';

function byPath(changes: readonly TrackedChange[]): Map<string, TrackedChange[]> {
  const paths = new Map<string, TrackedChange[]>();
  for (const change of changes) {
    const list = paths.get(change.path);
    if (list) list.push(change);
    else paths.set(change.path, [change]);
  }
  return paths;
}

/** An unmanaged Codex's writes are its own writer, apart from the user's and each other's. */
const unmanagedPidOf = (change: TrackedChange): number | undefined =>
  change.evidence.rule === 'unmanaged-process' ? change.evidence.pid : undefined;

function touchesOf(changes: readonly TrackedChange[]): FileTouch[] {
  const touches = new Map<string, FileTouch & { strength: number }>();
  for (const change of changes) {
    if (!isAgentWork(change)) continue;
    const at = new Date(change.observedAt).toISOString();
    const strength = strengthOf(change.evidence);
    const unmanagedPid = unmanagedPidOf(change);
    const key = change.agentId !== null ? `agent:${change.agentId}` : unmanagedPid !== undefined ? `pid:${unmanagedPid}` : 'nobody';
    const touch = touches.get(key);
    if (!touch) {
      const first = { agentId: change.agentId, attribution: change.attribution, changes: 1, lastAt: at, strength };
      touches.set(key, unmanagedPid === undefined ? first : { ...first, unmanagedPid });
      continue;
    }
    touch.changes += 1;
    if (at > touch.lastAt) touch.lastAt = at;
    if (ATTRIBUTION_RANK[change.attribution] > ATTRIBUTION_RANK[touch.attribution]) touch.attribution = change.attribution;
    touch.strength = Math.max(touch.strength, strength);
  }
  return [...touches.values()]
    .sort((a, b) => ATTRIBUTION_RANK[b.attribution] - ATTRIBUTION_RANK[a.attribution] || b.lastAt.localeCompare(a.lastAt))
    .map(({ strength: _strength, ...touch }) => touch);
}

/**
 * The files for the map: every path an agent (or an unknown writer) changed since Switchyard
 * started, and every file an agent claims by name. Files only changed before Switchyard started
 * are left out unless claimed.
 */
export function touchedFilesOf(
  changes: readonly TrackedChange[],
  claims: readonly ClaimView[],
  holders: (path: string) => Array<string | null>,
  versions: (path: string) => number,
): TouchedFile[] {
  const files: TouchedFile[] = [];
  const paths = byPath(changes);
  for (const [path, list] of paths) {
    const touches = touchesOf(list);
    const claimedBy = holders(path);
    const baseline = list[0]!.evidence.rule === 'baseline';
    if (touches.length === 0 && claimedBy.length === 0) continue;
    const last = list[list.length - 1]!;
    files.push({
      path,
      touches,
      lastAgentId: isAgentWork(last) ? last.agentId : null,
      lastKind: last.kind,
      lastAt: new Date(last.observedAt).toISOString(),
      claimedBy,
      baseline,
      versions: versions(path),
    });
  }
  const listed = new Set(files.map((f) => f.path));
  for (const claim of claims) {
    if (claim.kind !== 'file' || paths.has(claim.pattern) || listed.has(claim.pattern)) continue;
    listed.add(claim.pattern);
    files.push({
      path: claim.pattern,
      touches: [],
      lastAgentId: null,
      lastKind: null,
      lastAt: null,
      claimedBy: holders(claim.pattern),
      baseline: false,
      versions: versions(claim.pattern),
    });
  }
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

/** One entry per path and writer, with the strongest attribution that writer got there. */
export function attributionEntriesOf(changes: readonly TrackedChange[]): AttributionEntry[] {
  const entries: AttributionEntry[] = [];
  for (const [path, list] of byPath(changes)) {
    for (const touch of touchesOf(list)) {
      const entry: AttributionEntry = { path, agentId: touch.agentId, attribution: touch.attribution };
      entries.push(touch.unmanagedPid === undefined ? entry : { ...entry, unmanagedPid: touch.unmanagedPid });
    }
  }
  return entries;
}
