/**
 * The vocabulary of attribution: what an agent was seen doing (activity), what changed in the
 * working tree, and the verdict joining the two, with the evidence it rests on.
 */

/** offline: the file changed while Switchyard was not running; nobody can be named, not even the user. */
export type Attribution = 'exact' | 'inferred' | 'unattributed' | 'offline';
export type ChangeKind = 'add' | 'modify' | 'delete';

/** Where we learnt of an agent's call: its hooks (via the hook gate) or its rollout log. */
export type ActivitySource = 'hook' | 'rollout';

/** A call as evidence: which agent, which tool call, what it ran, and when. */
export type CallReference = {
  agentId: string;
  callId: string;
  sources: ActivitySource[];
  /** The command text (a shell script or an apply_patch heredoc), when known. */
  command: string | null;
  startedAt: number | null;
  endedAt: number | null;
};

/**
 * One rule's verdict. Exact rules name the file in the agent's own event; inferred rules place
 * the agent at the scene; the rest say why nobody is blamed. All fields are JSON, so evidence is
 * stored as is in the journal.
 */
export type Evidence =
  /** The agent's rollout lists the path in an apply_patch FileChange at that moment. */
  | { rule: 'rollout-file-change'; call: CallReference; contenders: string[] }
  /** A command of the agent that writes the path (redirect, apply_patch header, tee…) ran then. */
  | { rule: 'command-writes-path'; call: CallReference; contenders: string[] }
  /** Only this agent was running a command then. */
  | { rule: 'single-active-command'; call: CallReference }
  /** Several agents ran commands; only this one's command mentions the path. */
  | { rule: 'command-mentions-path'; call: CallReference; active: string[] }
  /** Several agents ran commands; only this one of them claims the path. */
  | { rule: 'sole-claimant'; agentId: string; claim: string; active: string[] }
  /** Several agents ran commands and nothing singles one out. */
  | { rule: 'several-agents-active'; active: string[] }
  /** No agent ran anything then: the user, an editor, or a tool outside Switchyard. */
  | { rule: 'no-agent-active' }
  /** The change was already there when Switchyard started watching. */
  | { rule: 'baseline' }
  /** The user said who it was. */
  | { rule: 'user'; agentId: string; previous: Evidence }
  /** Switchyard itself wrote a journal version back. */
  | { rule: 'restore'; fromVersion: number }
  /**
   * Switchyard wrote a three-way merge of journal versions (`theirs`' changes since `base`, on top
   * of `ours`) at the user's word; `conflicts` > 0: written with git's conflict markers.
   */
  | { rule: 'merge'; base: number; ours: number; theirs: number; theirsAgent: string | null; conflicts: number }
  /** Switchyard wrote a journal version back to undo an agent's changes (a rollback of `agentId`). */
  | { rule: 'rollback'; agentId: string; fromVersion: number }
  /** The content on disk at opening differs from every version the journal holds last: changed while Switchyard was not running. */
  | { rule: 'offline'; afterVersion: number | null }
  /** Switchyard ended before it had decided who made this change; activity read later may still prove it. */
  | { rule: 'interrupted' }
  /**
   * A Codex running on the repository outside Switchyard made it: its own rollout log says so
   * (`basis` names the rule, `call` the call), or (`basis` running) it was the only writer known to
   * be running then. Nobody Switchyard manages is blamed; the conflict rules still see it.
   */
  | { rule: 'unmanaged-process'; pid: number; startedAt: string | null; basis: UnmanagedBasis; call: CallReference | null };

/** Why a change is put down to an unmanaged Codex: one of the agent rules applied to its own activity, or its mere presence. */
export type UnmanagedBasis = 'running' | 'rollout-file-change' | 'command-writes-path' | 'single-active-command' | 'command-mentions-path';

export type EvidenceRule = Evidence['rule'];

/** How strong each rule is; a later event upgrades a verdict only to a stronger rule. */
export const RULE_STRENGTH: Record<EvidenceRule, number> = {
  'rollout-file-change': 6,
  'command-writes-path': 5,
  'command-mentions-path': 4,
  'sole-claimant': 3,
  'single-active-command': 2,
  'several-agents-active': 1,
  'no-agent-active': 0,
  baseline: 0,
  offline: 0,
  interrupted: 0,
  user: 100,
  restore: 100,
  'unmanaged-process': 1,
  merge: 100,
  rollback: 100,
};

/** How strong a verdict is; an unmanaged process's verdict is as strong as the rule it rests on. */
export function strengthOf(evidence: Evidence): number {
  if (evidence.rule === 'unmanaged-process' && evidence.basis !== 'running') return RULE_STRENGTH[evidence.basis];
  return RULE_STRENGTH[evidence.rule];
}

export interface Verdict {
  attribution: Attribution;
  agentId: string | null;
  evidence: Evidence;
}

/**
 * What an agent did, normalised from hook payloads and rollout lines. A call is one tool call
 * (`callId` is Codex's call id, which its hooks report as `tool_use_id`).
 */
export type ActivityEvent =
  | { type: 'call-started'; agentId: string; callId: string; at: number; command: string | null; cwd: string | null; source: ActivitySource }
  | { type: 'call-ended'; agentId: string; callId: string; at: number; source: ActivitySource }
  /** A finished shell command with its exact start and end (rollout CommandExecution). */
  | { type: 'command-ran'; agentId: string; callId: string; startedAt: number; endedAt: number; command: string; cwd: string | null }
  /** An apply_patch and the repo-relative paths it changed (rollout FileChange). */
  | { type: 'files-changed'; agentId: string; callId: string; startedAt: number; endedAt: number; paths: string[] }
  /** The agent is between turns or gone: none of its calls runs any more. */
  | { type: 'agent-quiet'; agentId: string; at: number };

/** A change in the working tree with the span of time in which it happened. */
export interface ObservedChange {
  path: string;
  kind: ChangeKind;
  /** Earliest and latest moment (epoch ms) the write can have happened. */
  earliest: number;
  latest: number;
  /** When Switchyard noticed it. */
  observedAt: number;
}

/** A change with its verdict: what onChange delivers and changes() lists. */
export interface TrackedChange extends ObservedChange, Verdict {
  /** Stable across revisions of the verdict. */
  id: number;
  /** 0 when first delivered; increases when late evidence or the user changes the verdict. */
  revision: number;
  /** The journal version holding the content after this change, if journaled. */
  journalVersion: number | null;
  blob: string | null;
}
