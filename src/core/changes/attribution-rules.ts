/**
 * The attribution rules, strongest first. Pure: given a change's time span and the calls that
 * overlap it, returns the verdict and the evidence it rests on.
 *
 *   exact     rollout-file-change    the agent's apply_patch FileChange lists the path, at that time
 *             command-writes-path    the agent ran a command that writes the path, at that time
 *   inferred  single-active-command  only one agent was running a command
 *             command-mentions-path  several were; only one's command names the path
 *             sole-claimant          several were; only one of them claims the path
 *   none      several-agents-active  several were, and nothing singles one out
 *             no-agent-active        nobody was running anything: the user, or a tool outside Switchyard
 *
 * Claims alone never blame an agent: a claimed file the user edits while no agent runs a command
 * is the user's edit.
 */
import { referenceOf, type AgentCall } from './activity-log';
import type { Verdict } from './change-types';
import { pathMatchesAny, writesPath } from './command-paths';

/**
 * Widening of every call's span when joining it with a change: hook receipt times, Codex's
 * timestamps and file mtimes come from the same clock, but coarse mtime granularity and
 * scheduling put them up to a few tens of ms apart; 250 ms covers that with room.
 */
export const EVENT_SLACK_MS = 250;

export interface ChangeSpan {
  path: string;
  earliest: number;
  latest: number;
}

/** For an agent and a path, the claim of that agent covering the path, if any. */
export type ClaimLookup = (agentId: string, path: string) => string | null;

export function decideAttribution(change: ChangeSpan, calls: readonly AgentCall[], claimOf: ClaimLookup): Verdict {
  const { path } = change;
  const patched = calls.filter(
    (c) => c.patched.has(path) && c.patchSpan !== null && c.patchSpan.start - EVENT_SLACK_MS <= change.latest && c.patchSpan.end + EVENT_SLACK_MS >= change.earliest,
  );
  if (patched.length > 0) {
    const { call, contenders } = latestWriter(patched, change.latest);
    return { attribution: 'exact', agentId: call.agentId, evidence: { rule: 'rollout-file-change', call: referenceOf(call), contenders } };
  }
  const writers = calls.filter((c) => writesPath(c, path));
  if (writers.length > 0) {
    const { call, contenders } = latestWriter(writers, change.latest);
    return { attribution: 'exact', agentId: call.agentId, evidence: { rule: 'command-writes-path', call: referenceOf(call), contenders } };
  }
  const active = agentsOf(calls);
  if (active.length === 0) return { attribution: 'unattributed', agentId: null, evidence: { rule: 'no-agent-active' } };
  if (active.length === 1) {
    const call = calls.find((c) => pathMatchesAny(c.mentions, path, false)) ?? latestStarted(calls);
    return { attribution: 'inferred', agentId: call.agentId, evidence: { rule: 'single-active-command', call: referenceOf(call) } };
  }
  const mentioning = calls.filter((c) => pathMatchesAny(c.mentions, path, false));
  if (agentsOf(mentioning).length === 1) {
    const call = latestStarted(mentioning);
    return { attribution: 'inferred', agentId: call.agentId, evidence: { rule: 'command-mentions-path', call: referenceOf(call), active } };
  }
  const claimants = active.map((agentId) => ({ agentId, claim: claimOf(agentId, path) })).filter((c) => c.claim !== null);
  if (claimants.length === 1) {
    const { agentId, claim } = claimants[0]!;
    return { attribution: 'inferred', agentId, evidence: { rule: 'sole-claimant', agentId, claim: claim!, active } };
  }
  return { attribution: 'unattributed', agentId: null, evidence: { rule: 'several-agents-active', active } };
}

const agentsOf = (calls: readonly AgentCall[]): string[] => [...new Set(calls.map((c) => c.agentId))].sort();

const latestStarted = (calls: readonly AgentCall[]): AgentCall =>
  calls.reduce((best, c) => ((c.start ?? 0) > (best.start ?? 0) ? c : best));

/**
 * Every start we record (a PreToolUse hook's receipt, a rollout's call or command start) comes
 * before the command runs, so a writer cannot have started after the write by more than the
 * coarse mtime clock's error.
 */
export const WRITER_START_SKEW_MS = 50;

/**
 * When several agents' events name the file, the content on disk is the last writer's: the call
 * that started last before the change. The others are kept as contenders. A call that started
 * after the write (within the slack, when the watcher saw the change late) is the next writer,
 * not this one: an agent answering another's write at once must not take that write.
 */
function latestWriter(calls: readonly AgentCall[], latest: number): { call: AgentCall; contenders: string[] } {
  const startOf = (c: AgentCall): number => c.patchSpan?.start ?? c.start ?? 0;
  const before = calls.filter((c) => startOf(c) <= latest + WRITER_START_SKEW_MS);
  const nearly = calls.filter((c) => startOf(c) <= latest + EVENT_SLACK_MS);
  const candidates = before.length > 0 ? before : nearly.length > 0 ? nearly : calls;
  const call = candidates.reduce((best, c) => (startOf(c) >= startOf(best) ? c : best));
  return { call, contenders: agentsOf(calls).filter((a) => a !== call.agentId) };
}
