/** Turns hook payloads and rollout events into the one ActivityEvent vocabulary. */
import path from 'node:path';
import type { HookEventName } from '../../shared/control';
import type { ActivityEvent } from './change-types';
import type { RolloutEvent } from './rollout-events';

/**
 * PreToolUse opens a call, PostToolUse closes it (Codex sends none for apply_patch: the rollout's
 * output line closes those); Stop and SessionEnd mean none of the agent's calls runs any more.
 */
export function activityFromHook(agentId: string, event: HookEventName, payload: Record<string, unknown>, at: number): ActivityEvent[] {
  const callId = typeof payload.tool_use_id === 'string' ? payload.tool_use_id : null;
  switch (event) {
    case 'PreToolUse': {
      const input = typeof payload.tool_input === 'object' && payload.tool_input !== null ? (payload.tool_input as Record<string, unknown>) : {};
      const raw = input.command ?? input.cmd;
      const command = typeof raw === 'string' ? raw : Array.isArray(raw) ? raw.filter((w) => typeof w === 'string').join(' ') : null;
      const base = typeof payload.cwd === 'string' && path.isAbsolute(payload.cwd) ? payload.cwd : null;
      const cwd = base && typeof input.workdir === 'string' ? path.resolve(base, input.workdir) : base;
      // Without an id the call cannot be closed by PostToolUse; its agent's next Stop closes it.
      return [{ type: 'call-started', agentId, callId: callId ?? `hook-${at}`, at, command, cwd, source: 'hook' }];
    }
    case 'PostToolUse':
      return callId ? [{ type: 'call-ended', agentId, callId, at, source: 'hook' }] : [];
    case 'Stop':
    case 'SessionEnd':
      return [{ type: 'agent-quiet', agentId, at }];
    default:
      return [];
  }
}

/** null: the event is about usage (metrics), not about what the agent does to files. */
export function activityFromRollout(event: RolloutEvent): ActivityEvent | null {
  switch (event.type) {
    case 'file-change':
      return { type: 'files-changed', agentId: event.agentId, callId: event.callId, startedAt: event.startedAt, endedAt: event.completedAt, paths: event.paths };
    case 'command-execution':
      return { type: 'command-ran', agentId: event.agentId, callId: event.callId, startedAt: event.startedAt, endedAt: event.completedAt, command: event.script, cwd: event.cwd };
    case 'tool-call':
      return { type: 'call-started', agentId: event.agentId, callId: event.callId, at: event.at, command: event.command, cwd: event.cwd, source: 'rollout' };
    case 'tool-output':
      return { type: 'call-ended', agentId: event.agentId, callId: event.callId, at: event.at, source: 'rollout' };
    case 'token-count':
    case 'model':
      return null;
  }
}
