/**
 * Which of a file's journal versions are an agent's uncommitted work: the versions since the file
 * last matched HEAD (what came before is committed, or was undone), and among them the agent's
 * first and last. Pure: the caller reads the journal and HEAD. The check and the rollback both
 * start here, so they agree on what "the agent's changes" are.
 */
import { sameContent } from '../journal/capture';
import type { CapturedContent, JournalVersion } from '../journal/journal-types';

export interface AgentWindow {
  /** Index (in the timeline) of the agent's first version since the file last matched HEAD. */
  first: number;
  /** Index of the agent's last version. */
  last: number;
  /** Index of the first version after the last one HEAD holds (0 when HEAD holds none). */
  start: number;
}

/** Versions whose verdict names an agent: a pending or unattributed version names nobody yet. */
export const isAgentsVersion = (version: JournalVersion, agentId: string): boolean =>
  version.agentId === agentId && (version.attribution === 'exact' || version.attribution === 'inferred');

/** Null when the agent has no uncommitted version of the file. */
export function agentWindow(timeline: readonly JournalVersion[], head: CapturedContent, agentId: string): AgentWindow | null {
  let start = timeline.length;
  while (start > 0 && !sameContent(timeline[start - 1]!, head)) start--;
  let first = -1;
  let last = -1;
  for (let i = start; i < timeline.length; i++) {
    if (!isAgentsVersion(timeline[i]!, agentId)) continue;
    if (first < 0) first = i;
    last = i;
  }
  return first < 0 ? null : { first, last, start };
}
