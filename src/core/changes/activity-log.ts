/**
 * What each agent's tool calls did and when: one record per (agent, call id) merged from every
 * source (PreToolUse/PostToolUse hooks, the rollout's function_call/function_call_output,
 * CommandExecution and FileChange items). Kept for a while after the call ends, because the
 * watcher may report a change after the events that explain it, or before.
 */
import type { ActivityEvent, ActivitySource, CallReference } from './change-types';
import type { CommandPathReader } from './command-paths';

/** Calls that ended longer ago than this cannot explain a change any more. */
export const ACTIVITY_RETENTION_MS = 10 * 60_000;

export interface AgentCall {
  agentId: string;
  callId: string;
  sources: Set<ActivitySource>;
  command: string | null;
  cwd: string | null;
  /** Null until something says when it started (a PostToolUse can arrive alone after a restart). */
  start: number | null;
  end: number | null;
  /** Paths the command writes / mentions (CommandPathReader), repo-relative. */
  writes: string[];
  writeTrees: string[];
  mentions: string[];
  /** Paths the rollout's FileChange lists, and when that patch ran. */
  patched: Set<string>;
  patchSpan: { start: number; end: number } | null;
}

export class ActivityLog {
  private readonly calls = new Map<string, AgentCall>();
  /** When each agent was last seen with none of its calls running. */
  private readonly quietAt = new Map<string, number>();

  constructor(
    private readonly repo: string,
    private readonly readPaths: CommandPathReader,
  ) {}

  /** Applies one event; returns the call it touched (none for agent-quiet). */
  note(event: ActivityEvent): AgentCall | null {
    if (event.type === 'agent-quiet') {
      this.quietAt.set(event.agentId, Math.max(event.at, this.quietAt.get(event.agentId) ?? event.at));
      for (const call of this.calls.values()) {
        if (call.agentId === event.agentId && call.end === null) call.end = Math.max(event.at, call.start ?? event.at);
      }
      return null;
    }
    const call = this.call(event.agentId, event.callId);
    switch (event.type) {
      case 'call-started':
        call.sources.add(event.source);
        call.start = min(call.start, event.at);
        this.setCommand(call, event.command, event.cwd);
        break;
      case 'call-ended':
        call.sources.add(event.source);
        call.end = max(call.end, event.at);
        call.start ??= event.at;
        break;
      case 'command-ran':
        call.sources.add('rollout');
        call.start = min(call.start, event.startedAt);
        call.end = max(call.end, event.endedAt);
        this.setCommand(call, event.command, event.cwd);
        break;
      case 'files-changed':
        call.sources.add('rollout');
        call.start = min(call.start, event.startedAt);
        call.end = max(call.end, event.endedAt);
        for (const path of event.paths) call.patched.add(path);
        call.patchSpan = { start: event.startedAt, end: event.endedAt };
        break;
    }
    // A call learnt of late (a rollout read from its start after a restart) that began before its
    // agent was last quiet had ended by then, whatever its log says: left open, it would overlap
    // every change from then on, and blame them on an agent that is long done.
    const quiet = this.quietAt.get(event.agentId);
    if (call.end === null && call.start !== null && quiet !== undefined && call.start <= quiet) call.end = quiet;
    return call;
  }

  /** Calls whose time span (widened by `slackMs`; open calls run to now) meets [earliest, latest]. */
  overlapping(earliest: number, latest: number, slackMs: number): AgentCall[] {
    const found: AgentCall[] = [];
    for (const call of this.calls.values()) {
      if (call.start === null) continue;
      const end = call.end ?? Number.POSITIVE_INFINITY;
      if (call.start - slackMs <= latest && end + slackMs >= earliest) found.push(call);
    }
    return found;
  }

  /** Drops calls that ended before `before`; open calls stay until their agent goes quiet. */
  prune(before: number): void {
    for (const [key, call] of this.calls) if (call.end !== null && call.end < before) this.calls.delete(key);
  }

  get size(): number {
    return this.calls.size;
  }

  private call(agentId: string, callId: string): AgentCall {
    const key = `${agentId}\0${callId}`;
    let call = this.calls.get(key);
    if (!call) {
      call = { agentId, callId, sources: new Set(), command: null, cwd: null, start: null, end: null, writes: [], writeTrees: [], mentions: [], patched: new Set(), patchSpan: null };
      this.calls.set(key, call);
    }
    return call;
  }

  private setCommand(call: AgentCall, command: string | null, cwd: string | null): void {
    if (command === null || call.command !== null) return;
    call.command = command;
    call.cwd = cwd;
    const paths = this.readPaths(command, cwd ?? this.repo, this.repo);
    call.writes = paths.writes;
    call.writeTrees = paths.writeTrees;
    call.mentions = paths.mentions;
  }
}

export function referenceOf(call: AgentCall): CallReference {
  return {
    agentId: call.agentId,
    callId: call.callId,
    sources: [...call.sources].sort(),
    command: call.command,
    startedAt: call.start,
    endedAt: call.end,
  };
}

const min = (a: number | null, b: number): number => (a === null ? b : Math.min(a, b));
const max = (a: number | null, b: number): number => (a === null ? b : Math.max(a, b));
