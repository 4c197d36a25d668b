/**
 * Duplicates: two agents with the same or a near-identical task, or overlapping claims. The
 * finding itself (and which of the two to keep) comes from duplicates.ts, which the monitor uses
 * too, so `switchyard monitor` and the conflict map never disagree.
 */
import type { Conflict, ConflictAction } from '../../shared/conflicts';
import type { DuplicateFinding } from '../../shared/monitor';
import { messageAgent, stopAgent } from './conflict-actions';
import { iso, type ConflictContext } from './conflict-context';
import { findDuplicates } from './duplicates';

function message(ctx: ConflictContext, finding: DuplicateFinding): string {
  const [keep] = finding.agents;
  if (finding.kind === 'same-task') {
    return `${ctx.label(keep)} already has the same task as you. Stop working on it and wait for the user; do not change files ${ctx.label(keep)} is changing.`;
  }
  return `${ctx.label(keep)} claims the same files as you (${finding.claims.join(', ')}). Leave those files to it and narrow your work to other files.`;
}

export function duplicateConflicts(ctx: ConflictContext): Conflict[] {
  const started = new Map(ctx.input.agents.map((agent) => [agent.id, Date.parse(agent.startedAt)]));
  return findDuplicates({ managed: ctx.input.agents, unmanaged: [] }).map((finding): Conflict => {
    const [keep, drop] = finding.agents;
    const actions: ConflictAction[] = [];
    if (ctx.isRunning(drop)) actions.push(stopAgent(ctx, drop), messageAgent(ctx, drop, message(ctx, finding)));
    // First seen when the later of the two started.
    const times = [started.get(keep), started.get(drop)].filter((t): t is number => t !== undefined && !Number.isNaN(t));
    return {
      id: `duplicate:${finding.kind}:${keep}+${drop}`,
      kind: 'duplicate',
      severity: finding.severity === 'high' ? 'warning' : 'info',
      paths: finding.claims,
      agents: [keep, drop],
      summary: finding.reason,
      recommendation: finding.recommendation,
      actions,
      at: iso(times.length > 0 ? Math.max(...times) : ctx.input.now),
    };
  });
}
