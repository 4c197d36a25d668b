/**
 * Builders for the actions a conflict offers, so every rule labels and words them alike, plus
 * the journal lookups behind "restore": which version to write back.
 */
import type { ConflictAction } from '../../shared/conflicts';
import type { JournalVersion } from '../journal/journal-types';
import type { ConflictContext } from './conflict-context';

export function stopAgent(ctx: ConflictContext, agentId: string): ConflictAction {
  return { type: 'stop-agent', agentId, label: `Stop ${ctx.label(agentId)}` };
}

export function pauseAgent(ctx: ConflictContext, agentId: string): ConflictAction {
  return { type: 'pause-agent', agentId, label: `Pause ${ctx.label(agentId)}` };
}

/** A message from the user (messages.send), which the agent's model reads labelled as the user's. */
export function messageAgent(ctx: ConflictContext, agentId: string, text: string): ConflictAction {
  return { type: 'message-agent', agentId, text, label: `Tell ${ctx.label(agentId)}` };
}

export function releaseClaim(ctx: ConflictContext, agentId: string, pattern: string): ConflictAction {
  return { type: 'release-claim', agentId, pattern, label: `Release ${ctx.label(agentId)}'s claim on ${pattern}` };
}

export function transferClaim(ctx: ConflictContext, from: string, to: string, pattern: string): ConflictAction {
  return { type: 'transfer-claim', from, to, pattern, label: `Give ${pattern} from ${ctx.label(from)} to ${ctx.label(to)}` };
}

export function openDiff(path: string): ConflictAction {
  return { type: 'open-diff', path, label: `Open the diff of ${path}` };
}

export function restoreVersion(ctx: ConflictContext, version: JournalVersion): ConflictAction {
  const whose = version.agentId === null ? '' : ` (by ${ctx.label(version.agentId)})`;
  const what = version.state === 'deleted' ? ` — ${version.path} did not exist then` : '';
  return {
    type: 'restore-version',
    path: version.path,
    version: version.version,
    label: `Restore version ${version.version} of ${version.path}${whose}${what}`,
  };
}

/** Only bytes the journal holds (or the file's absence) can be written back. */
const restorable = (version: JournalVersion): boolean => version.state === 'kept' || version.state === 'deleted';

/**
 * The version just before `writer`'s latest run of writes to the file: what the file held before
 * that agent (over)wrote it. When `preferOtherAgent`, runs that followed another agent's version
 * win over runs that followed the user's or the baseline, since those are the overwrites.
 */
export function versionBeforeWriter(
  timeline: readonly JournalVersion[],
  writer: string,
  preferOtherAgent = false,
): JournalVersion | null {
  let fallback: JournalVersion | null = null;
  for (let i = timeline.length - 1; i >= 1; i--) {
    const current = timeline[i]!;
    const previous = timeline[i - 1]!;
    if (current.agentId !== writer || previous.agentId === writer || !restorable(previous)) continue;
    if (!preferOtherAgent || previous.agentId !== null) return previous;
    fallback ??= previous;
  }
  return fallback;
}

/** The newest version an agent wrote, for "keep this agent's content". */
export function latestVersionBy(timeline: readonly JournalVersion[], agentId: string): JournalVersion | null {
  for (let i = timeline.length - 1; i >= 0; i--) {
    const version = timeline[i]!;
    if (version.agentId === agentId && restorable(version)) return version;
  }
  return null;
}
