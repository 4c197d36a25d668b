/** The record of a newly launched agent, as it waits in the queue. */
import type { z } from 'zod';
import type { LaunchInputSchema } from '../../shared/contract';
import type { Agent, AgentWorkspace } from '../../shared/domain';

export type ParsedLaunch = z.output<typeof LaunchInputSchema>;

export function queuedAgent(request: ParsedLaunch, at: { id: string; repo: string; after: string[]; now: number; workspace?: AgentWorkspace | null }): Agent {
  return {
    id: at.id,
    name: request.name,
    task: request.task,
    status: 'queued',
    pid: null,
    repo: at.repo,
    claims: [...request.claims],
    cols: request.cols,
    rows: request.rows,
    // Also its place in the queue: among equal priorities the earlier launch starts first.
    startedAt: new Date(at.now).toISOString(),
    endedAt: null,
    exitCode: null,
    detail: null,
    priority: request.priority,
    after: at.after,
    sessionId: null,
    rolloutPath: null,
    processStartTime: null,
    completedTurns: 0,
    lastProgressAt: null,
    stuck: false,
    timeoutMs: request.timeoutMinutes ? Math.round(request.timeoutMinutes * 60_000) : null,
    codexArgs: [...request.codexArgs],
    codexHome: request.codexHome ?? null,
    // An isolated launch's worktree is made before it is queued (its id names the folder); see worktrees/.
    workspace: at.workspace ?? null,
  };
}
