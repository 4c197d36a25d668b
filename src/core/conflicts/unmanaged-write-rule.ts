/**
 * Unmanaged overlap: a Codex running on the repository outside Switchyard changed a file that a
 * managed agent holds (a live claim) or changed itself. The gate cannot stop such a process (it
 * has no hooks of ours), so the recommendation is to stop it, then check the file. Critical when
 * the outside write certainly came after an agent's, or landed in an exclusive claim.
 */
import type { Conflict, ConflictAction } from '../../shared/conflicts';
import type { ClaimView } from '../../shared/locks';
import type { TrackedChange } from '../changes/change-types';
import type { JournalVersion } from '../journal/journal-types';
import { openDiff, restoreVersion } from './conflict-actions';
import { byTime, changeTime, distinct, iso, listWords, type ConflictContext } from './conflict-context';

/** How a Codex outside Switchyard is named in conflicts. */
export const unmanagedLabel = (pid: number): string => `unmanaged Codex (pid ${pid})`;

const pidOf = (change: TrackedChange): number | null => (change.evidence.rule === 'unmanaged-process' ? change.evidence.pid : null);

/** Each path's unmanaged writes since it was last restored, per pid, oldest first. */
function unmanagedWrites(changes: readonly TrackedChange[]): Map<string, Map<number, TrackedChange[]>> {
  const paths = new Map<string, Map<number, TrackedChange[]>>();
  for (const change of [...changes].sort(byTime)) {
    if (change.evidence.rule === 'restore') paths.delete(change.path);
    const pid = pidOf(change);
    if (pid === null) continue;
    const byPid = paths.get(change.path) ?? new Map<number, TrackedChange[]>();
    byPid.set(pid, [...(byPid.get(pid) ?? []), change]);
    paths.set(change.path, byPid);
  }
  return paths;
}

/** The version the file held before the process's latest run of writes: what to restore. */
function versionBeforeProcess(timeline: readonly JournalVersion[], pid: number): JournalVersion | null {
  const byProcess = (v: JournalVersion): boolean => v.evidence.rule === 'unmanaged-process' && v.evidence.pid === pid;
  for (let i = timeline.length - 1; i >= 1; i--) {
    const previous = timeline[i - 1]!;
    if (!byProcess(timeline[i]!) || byProcess(previous)) continue;
    if (previous.state === 'kept' || previous.state === 'deleted') return previous;
  }
  return null;
}

function stopProcess(pid: number): ConflictAction {
  return { type: 'stop-process', pid, label: `Stop ${unmanagedLabel(pid)}` };
}

export function unmanagedWriteConflicts(ctx: ConflictContext, covering: (path: string) => ClaimView[]): Conflict[] {
  const conflicts: Conflict[] = [];
  for (const [path, byPid] of unmanagedWrites(ctx.input.changes)) {
    for (const [pid, writes] of byPid) {
      const last = writes.at(-1)!;
      const held = covering(path).filter((claim) => claim.agentId !== null && Date.parse(claim.since) <= last.latest);
      const agentWrites = ctx.writes.get(path) ?? [];
      const agents = distinct([...held.map((claim) => claim.agentId!), ...agentWrites.map((write) => write.agentId)]);
      if (agents.length === 0) continue;
      const overwrote = agentWrites.some((write) => writes.some((own) => own.earliest >= write.change.latest));
      const intoExclusive = held.some((claim) => claim.mode === 'exclusive');
      const who = unmanagedLabel(pid);
      const parts = [
        ...(held.length > 0 ? [`${path} is held by ${listWords(distinct(held.map((c) => ctx.label(c.agentId))))}`] : []),
        ...(agentWrites.length > 0 ? [`${listWords(distinct(agentWrites.map((w) => ctx.label(w.agentId))))} changed it too`] : []),
      ];
      const before = versionBeforeProcess(ctx.input.timeline(path), pid);
      conflicts.push({
        id: `overlap:unmanaged:${pid}:${path}`,
        kind: 'overlap',
        severity: overwrote || intoExclusive ? 'critical' : 'warning',
        paths: [path],
        agents: [...agents, null],
        summary: `${who}, running outside Switchyard, changed ${path}; ${parts.join(', and ')}.`,
        recommendation:
          `Stop ${who} (switchyard stop --pid ${pid}): Switchyard cannot keep it off the agents' files. ` +
          (before ? `Then open the diff, and restore version ${before.version} if it undid the agents' work.` : 'Then open the diff to check the agents\' work survived.'),
        actions: [stopProcess(pid), openDiff(path), ...(before ? [restoreVersion(ctx, before)] : [])],
        at: iso(changeTime(last)),
      });
    }
  }
  return conflicts;
}
