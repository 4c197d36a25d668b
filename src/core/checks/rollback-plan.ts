/**
 * Rolling an agent back, planned: each file it changed goes back to the version before its first
 * change (the journal always holds that one: the tracker records a file's earlier content before
 * the first change it sees). A file someone else changed after the agent is listed with who, and
 * left alone unless the user includes it, since going back would also undo their work. Pure.
 */
import type { RollbackFile, RollbackPlan } from '../../shared/checks';
import { sameContent } from '../journal/capture';
import type { CapturedContent, JournalVersion } from '../journal/journal-types';
import { agentWindow, isAgentsVersion } from './agent-window';

/** Rules that record what was there already, not anybody's change. */
const NOT_A_CHANGE = new Set(['base', 'baseline']);

export interface PathHistory {
  path: string;
  /** The path's journal versions, oldest first. */
  timeline: readonly JournalVersion[];
  /** What HEAD holds at the path (ABSENT when nothing). */
  head: CapturedContent;
}

/** Which of others' files to include: all of them, or these paths. */
export type IncludeOthers = boolean | readonly string[];

export function planRollback(agentId: string, histories: readonly PathHistory[], includeOthers: IncludeOthers = false): RollbackPlan {
  const files: RollbackFile[] = [];
  const unavailable: RollbackPlan['unavailable'] = [];
  for (const { path, timeline, head } of histories) {
    const window = agentWindow(timeline, head, agentId);
    if (!window) continue;
    const before = timeline[window.first - 1];
    if (!before) {
      unavailable.push({ path, reason: 'the journal holds no version from before the agent changed it' });
      continue;
    }
    if (before.state === 'too-large' || before.state === 'unreadable') {
      unavailable.push({ path, reason: `its version from before the agent was ${before.state}, so its bytes were not kept` });
      continue;
    }
    const current = timeline[timeline.length - 1]!;
    // Already back where it was (undone by hand, or rolled back before): nothing to do.
    if (sameContent(current, before)) continue;
    const changedSinceBy = othersAfter(timeline.slice(window.first + 1), agentId);
    const included = changedSinceBy.length === 0 || includeOthers === true || (Array.isArray(includeOthers) && includeOthers.includes(path));
    files.push({
      path,
      action: before.state === 'deleted' ? 'delete' : current.state === 'deleted' ? 'recreate' : 'restore',
      toVersion: before.version,
      currentVersion: current.version,
      changedSinceBy,
      included,
    });
  }
  files.sort((a, b) => a.path.localeCompare(b.path));
  unavailable.sort((a, b) => a.path.localeCompare(b.path));
  return { agentId, files, unavailable };
}

/** Who else wrote the versions after the agent's first change, in order of first appearance (null: nobody named). */
function othersAfter(later: readonly JournalVersion[], agentId: string): Array<string | null> {
  const others: Array<string | null> = [];
  for (const version of later) {
    if (isAgentsVersion(version, agentId)) continue;
    if (NOT_A_CHANGE.has(version.evidence.rule)) continue;
    // A rollback of this same agent is its own undoing, not another's work.
    if (version.evidence.rule === 'rollback' && version.evidence.agentId === agentId) continue;
    if (!others.includes(version.agentId)) others.push(version.agentId);
  }
  return others;
}
