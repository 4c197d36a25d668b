/**
 * Duplicates: two agents with the same or a near-identical task, or overlapping claims. The
 * finding itself (and which of the two to keep) comes from duplicates.ts, which the monitor uses
 * too, so `switchyard monitor` and the conflict map never disagree; here it also gets what the
 * agents did (writes and gate events), which the monitor does not have.
 */
import type { Conflict, ConflictAction } from '../../shared/conflicts';
import type { DuplicateFinding } from '../../shared/monitor';
import { messageAgent, stopAgent } from './conflict-actions';
import { distinct, iso, type ConflictContext } from './conflict-context';
import { pairEvidence, type AgentActivity } from './duplicate-evidence';
import { findDuplicates } from './duplicates';

/** Who wrote what, from the same attributed writes the other rules use. */
function activityOf(ctx: ConflictContext): AgentActivity {
  const written = new Map<string, Set<string>>();
  for (const [path, writes] of ctx.writes) {
    for (const { agentId } of writes) written.set(agentId, (written.get(agentId) ?? new Set()).add(path));
  }
  return { written, gateEvents: ctx.input.gateEvents };
}

function message(ctx: ConflictContext, finding: DuplicateFinding): string {
  const [keep] = finding.agents;
  if (finding.kind === 'same-task') {
    return `${ctx.label(keep)} already has the same task as you. Stop working on it and wait for the user; do not change files ${ctx.label(keep)} is changing.`;
  }
  return `${ctx.label(keep)} claims the same files as you (${finding.claims.join(', ')}). Leave those files to it and narrow your work to other files.`;
}

export function duplicateConflicts(ctx: ConflictContext): Conflict[] {
  const started = new Map(ctx.input.agents.map((agent) => [agent.id, Date.parse(agent.startedAt)]));
  const activity = activityOf(ctx);
  return findDuplicates({ managed: ctx.input.agents, unmanaged: [], activity }).map((finding): Conflict => {
    const [keep, drop] = finding.agents;
    // The files the two went for, so the map can show them: the claims that meet, or the paths
    // their behaviour shared.
    const evidence = pairEvidence(activity, keep, drop);
    const paths = distinct([...finding.claims, ...evidence.sharedPaths, ...evidence.clashes.flatMap((c) => c.paths)]);
    const actions: ConflictAction[] = [];
    if (ctx.isRunning(drop)) actions.push(stopAgent(ctx, drop), messageAgent(ctx, drop, message(ctx, finding)));
    // First seen when the later of the two started.
    const times = [started.get(keep), started.get(drop)].filter((t): t is number => t !== undefined && !Number.isNaN(t));
    return {
      id: `duplicate:${finding.kind}:${keep}+${drop}`,
      kind: 'duplicate',
      severity: finding.severity === 'high' ? 'warning' : 'info',
      paths,
      agents: [keep, drop],
      summary: finding.reason,
      recommendation: finding.recommendation,
      actions,
      at: iso(times.length > 0 ? Math.max(...times) : ctx.input.now),
    };
  });
}
