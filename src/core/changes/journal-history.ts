/**
 * Who changed a file, rebuilt from its journal when Switchyard opens a repository whose working
 * tree already differs from HEAD there: the versions since the file last matched HEAD, each with
 * the verdict it was given, and, when what is on disk now is none of them, a change made while
 * Switchyard was not running. Pure: the caller reads the journal, HEAD and the disk.
 */
import { sameContent } from '../journal/capture';
import type { CapturedContent, JournalVersion } from '../journal/journal-types';
import { kindOf } from './change-detector';
import type { ChangeKind, Evidence, ObservedChange, Verdict } from './change-types';

export interface RebuiltChange {
  change: ObservedChange;
  verdict: Verdict;
  version: JournalVersion;
}

export interface RebuiltHistory {
  /** The journal's changes of the path since it last matched HEAD, oldest first. */
  changes: RebuiltChange[];
  /** Set when the content on disk is not the journal's last version: it changed while nobody watched. */
  offline: { kind: ChangeKind; afterVersion: number | null; since: number | null } | null;
}

const BASELINE: Verdict = { attribution: 'unattributed', agentId: null, evidence: { rule: 'baseline' } };

/** The verdict a journal version was last given, as a change's verdict. */
export function verdictOf(version: JournalVersion): Verdict {
  const rule = version.evidence.rule;
  // The content before the first change (what the index or the baseline held), or a file already changed when Switchyard opened.
  if (rule === 'base' || rule === 'baseline') return BASELINE;
  // Switchyard ended before deciding: nobody is named, and activity read later may still prove who it was.
  if (version.attribution === 'pending') return { attribution: 'unattributed', agentId: null, evidence: { rule: 'interrupted' } };
  if (version.attribution === 'offline') return { attribution: 'offline', agentId: null, evidence: version.evidence as Evidence };
  return { attribution: version.attribution, agentId: version.agentId, evidence: version.evidence as Evidence };
}

/**
 * `timeline` is the path's journal (oldest first), `head` what HEAD holds there (ABSENT when
 * nothing), `current` what is on disk now. Null when the journal never saw the path.
 */
export function rebuildHistory(
  path: string,
  timeline: readonly JournalVersion[],
  head: CapturedContent,
  current: CapturedContent,
): RebuiltHistory | null {
  if (timeline.length === 0) return null;
  // Versions up to the last one HEAD holds are committed (or were undone): nobody's pending work.
  let start = timeline.length;
  while (start > 0 && !sameContent(timeline[start - 1]!, head)) start--;
  const changes: RebuiltChange[] = [];
  let previous: CapturedContent = start > 0 ? timeline[start - 1]! : head;
  for (const version of timeline.slice(start)) {
    if (!sameContent(previous, version)) {
      const at = Date.parse(version.at);
      changes.push({
        change: { path, kind: kindOf(previous, version), earliest: version.earliest ?? at, latest: version.latest ?? at, observedAt: at },
        verdict: verdictOf(version),
        version,
      });
    }
    previous = version;
  }
  const latest = timeline[timeline.length - 1]!;
  const offline = sameContent(latest, current) ? null : { kind: kindOf(latest, current), afterVersion: latest.version, since: Date.parse(latest.at) };
  return { changes, offline };
}
