/**
 * Overlap: two or more agents changed the same file. It is critical when one agent's write
 * certainly came after another's (its earliest moment is after the other's latest), because then
 * the later one worked on top of, or over, the other's content.
 */
import type { Conflict, ConflictAction } from '../../shared/conflicts';
import type { ClaimView } from '../../shared/locks';
import { claimPattern } from './claim-coverage';
import {
  messageAgent,
  openDiff,
  releaseClaim,
  restoreVersion,
  stopAgent,
  transferClaim,
  versionBeforeWriter,
} from './conflict-actions';
import { mergeBoth, overwriteMerge } from './merge-candidates';
import { changeTime, distinct, iso, listWords, type AgentWrite, type ConflictContext } from './conflict-context';

/** The last write, and the last write by someone else before it: who overwrote whom. */
function lastOverwrite(writes: readonly AgentWrite[]): { earlier: AgentWrite; later: AgentWrite } {
  const later = writes.at(-1)!;
  for (let i = writes.length - 2; i >= 0; i--) {
    if (writes[i]!.agentId !== later.agentId) return { earlier: writes[i]!, later };
  }
  throw new Error('an overlap needs two writers');
}

/** Whether some write by one agent certainly followed a write by another. */
function certainlyOverwritten(writes: readonly AgentWrite[]): boolean {
  return writes.some((first) =>
    writes.some((second) => second.agentId !== first.agentId && second.change.earliest >= first.change.latest),
  );
}

function claimActions(ctx: ConflictContext, held: readonly ClaimView[], earlier: string, later: string): ConflictAction[] {
  const actions: ConflictAction[] = [];
  for (const claim of held) {
    if (claim.agentId !== earlier && claim.agentId !== later) continue;
    const other = claim.agentId === earlier ? later : earlier;
    actions.push(transferClaim(ctx, claim.agentId, other, claimPattern(claim)), releaseClaim(ctx, claim.agentId, claimPattern(claim)));
  }
  return actions;
}

export function overlapConflicts(
  ctx: ConflictContext,
  covering: (path: string) => ClaimView[],
  skipPaths: ReadonlySet<string>,
): Conflict[] {
  const conflicts: Conflict[] = [];
  for (const [path, writes] of ctx.writes) {
    const agents = distinct(writes.map((write) => write.agentId));
    if (agents.length < 2 || skipPaths.has(path)) continue;
    const { earlier, later } = lastOverwrite(writes);
    const critical = certainlyOverwritten(writes);
    const laterName = ctx.label(later.agentId);
    const earlierName = ctx.label(earlier.agentId);
    const before = versionBeforeWriter(ctx.input.timeline(path), later.agentId, true);
    const actions: ConflictAction[] = [openDiff(path)];
    if (before) actions.push(restoreVersion(ctx, before));
    const merge = overwriteMerge(ctx.input.timeline(path), later.agentId);
    if (merge) actions.push(mergeBoth(ctx, path, merge, later.agentId));
    if (ctx.isRunning(later.agentId)) {
      actions.push(
        messageAgent(
          ctx,
          later.agentId,
          `${path} is also being changed by ${earlierName}, and your change came after theirs. Re-read ${path} and keep their work, or leave the file to them and continue with other files.`,
        ),
        stopAgent(ctx, later.agentId),
      );
    }
    actions.push(...claimActions(ctx, covering(path), earlier.agentId, later.agentId));
    conflicts.push({
      id: `overlap:${path}`,
      kind: 'overlap',
      severity: critical ? 'critical' : 'warning',
      paths: [path],
      agents,
      summary: critical
        ? `${listWords(agents.map(ctx.label))} changed ${path}; ${laterName} wrote over ${earlierName}'s version.`
        : `${listWords(agents.map(ctx.label))} changed ${path} at about the same time.`,
      recommendation: before
        ? `Open the diff; if ${laterName} lost ${earlierName}'s work, restore version ${before.version} and tell ${laterName} to leave ${path} to ${earlierName}.`
        : `Open the diff to check that ${earlierName}'s work survived, and let only one of them continue on ${path}.`,
      actions,
      at: iso(Math.max(...writes.map((write) => changeTime(write.change)))),
    });
  }
  return conflicts;
}
