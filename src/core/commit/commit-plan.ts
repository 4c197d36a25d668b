/**
 * The commit plan: which changed file (or which hunks of it) goes into which commit, in what
 * order, with what message. `planCommits` drafts one from attribution; `plan-edits.ts` changes
 * it; `plan-validation.ts` says whether it is consistent. Pure data and pure functions: no git,
 * no clock, so the same input always gives the same plan.
 */
import { draftGroupMessage, draftIsolatedMessage, draftSingleMessage, groupTitle, type MessageAgent } from './commit-message';
import { compareHunks, hunkKey, type HunkRange } from '../git/hunk-ranges';
import { orderAgents } from './plan-ordering';
import type { ChangeKind } from '../git/worktree-status';
import type { AttributionEntry, AttributionKind } from '../changes/attribution-entry';

export type { HunkRange } from '../git/hunk-ranges';
export type { AttributedHunk, AttributionEntry, AttributionKind } from '../changes/attribution-entry';

export interface PlanAgent {
  id: string;
  name: string;
  task: string;
  /** Agents that had to finish before this one started. */
  after: string[];
  startedAt: string;
}

/** The part of a working-tree change the plan needs (a WorktreeChange is one). */
export interface PlanChange {
  path: string;
  oldPath: string | null;
  kind: ChangeKind;
  binary: boolean;
  modeChanged: boolean;
  added: number;
  removed: number;
}

export interface PlannedFile {
  path: string;
  /** A rename's old path: it is deleted in the same commit. */
  oldPath?: string;
  /** Only these hunks of the file go into this group; absent means the whole file. */
  hunks?: HunkRange[];
  attribution?: AttributionKind;
}

export interface CommitGroup {
  /** `agent:<id>`, or UNATTRIBUTED_GROUP_ID. */
  id: string;
  agentId: string | null;
  title: string;
  message: string;
  /** The user wrote this message: edits to the plan no longer redraft it. */
  messageEdited: boolean;
  files: PlannedFile[];
  /** Paths the user took out of this group; they stay uncommitted. */
  excluded: string[];
}

/** A file several agents changed where Switchyard cannot tell whose lines are whose. */
export interface UndecidedFile {
  path: string;
  oldPath?: string;
  /** The agents involved; null stands for an unattributed writer. */
  agentIds: Array<string | null>;
  reason: string;
}

export type CommitStrategy = 'per-agent' | 'single';

export type BringBackMode = 'merge' | 'squash' | 'cherry-pick';

/** An isolated agent's branch as one group (see IsolatedGroupSchema in src/shared/commit-plan.ts). */
export interface IsolatedGroup {
  /** `isolated:<agent id>`. */
  id: string;
  agentId: string;
  title: string;
  branch: string;
  worktree: string;
  tip: string;
  uncommitted: string[];
  commits: Array<{ sha: string; title: string }>;
  files: string[];
  mode: BringBackMode;
  included: boolean;
  message: string;
  messageEdited: boolean;
  conflicts: string[];
  busy: string[];
}

export interface CommitPlan {
  /** What the plan was made against: HEAD's commit (null before the first commit) and its branch ref (null when detached). */
  base: { commit: string | null; ref: string | null };
  strategy: CommitStrategy;
  conventional: boolean;
  changes: PlanChange[];
  agents: PlanAgent[];
  /** Every group, including the unattributed one (which may be empty). */
  groups: CommitGroup[];
  /** Group ids in commit order. */
  order: string[];
  undecided: UndecidedFile[];
  /** The message of the single commit, for the "single" strategy. */
  singleMessage: string;
  singleMessageEdited: boolean;
  /** Isolated agents' branches, brought back after the shared groups; absent means none. */
  isolated?: IsolatedGroup[] | undefined;
}

export interface PlanInput {
  base: CommitPlan['base'];
  changes: readonly PlanChange[];
  attribution: readonly AttributionEntry[];
  agents: readonly PlanAgent[];
  strategy?: CommitStrategy;
  conventional?: boolean;
}

export const UNATTRIBUTED_GROUP_ID = 'unattributed';
export const groupIdOf = (agentId: string | null): string => (agentId === null ? UNATTRIBUTED_GROUP_ID : `agent:${agentId}`);

/** Only a file whose both versions are text at one path can be rebuilt from a subset of its hunks. */
export function canSplitByHunk(change: PlanChange): boolean {
  return (change.kind === 'modified' || change.kind === 'added') && !change.binary && !change.modeChanged;
}

export function planCommits(input: PlanInput): CommitPlan {
  const agents = [...input.agents];
  const known = new Set(agents.map((a) => a.id));
  const entriesByPath = attributionByPath(input);
  const filesByGroup = new Map<string, PlannedFile[]>();
  const undecided: UndecidedFile[] = [];
  const place = (agentId: string | null, file: PlannedFile) => {
    const id = groupIdOf(agentId);
    const files = filesByGroup.get(id);
    if (files) files.push(file);
    else filesByGroup.set(id, [file]);
  };

  for (const change of input.changes) {
    const entries = entriesByPath.get(change.path) ?? [];
    const renamed = change.oldPath ? { oldPath: change.oldPath } : {};
    const writers = writersOf(entries);
    const strongest = strongestAttribution(entries);
    if (writers.length <= 1) {
      place(writers[0] ?? null, { path: change.path, ...renamed, attribution: strongest });
      continue;
    }
    const hunks = entries.flatMap((e) => e.hunks ?? []);
    const hunkWriters = new Set(hunks.map((h) => h.agentId));
    const reason = splitRefusal(change, writers, hunkWriters);
    if (reason !== null) {
      undecided.push({ path: change.path, ...renamed, agentIds: writers, reason });
      continue;
    }
    for (const writer of writers) {
      const own = uniqueHunks(hunks.filter((h) => h.agentId === writer));
      // Each writer's part says how sure its own attribution is (an offline edit stays flagged).
      const its = entries.filter((e) => e.agentId === writer);
      place(writer, { path: change.path, hunks: own, attribution: its.length > 0 ? strongestAttribution(its) : strongest });
    }
  }

  // Agents that attribution names but the caller did not list still get a group.
  for (const entry of input.attribution) {
    if (entry.agentId !== null && !known.has(entry.agentId)) {
      agents.push({ id: entry.agentId, name: entry.agentId, task: '', after: [], startedAt: '\uffff' });
      known.add(entry.agentId);
    }
  }
  // An agent whose only change is a file several agents touched still gets a (for now empty)
  // group, so the user can give that file to it.
  const undecidedWriters = new Set(undecided.flatMap((u) => u.agentIds));
  const agentOrder = orderAgents(agents).filter((id) => filesByGroup.has(groupIdOf(id)) || undecidedWriters.has(id));
  const order = [...agentOrder.map(groupIdOf), UNATTRIBUTED_GROUP_ID];
  const conventional = input.conventional ?? false;
  const groups = order.map((id): CommitGroup => {
    const agentId = id === UNATTRIBUTED_GROUP_ID ? null : id.slice('agent:'.length);
    const files = filesByGroup.get(id) ?? [];
    return { id, agentId, title: groupTitle(agentOf(agents, agentId)), message: '', messageEdited: false, files, excluded: [] };
  });
  const plan: CommitPlan = {
    base: input.base,
    strategy: input.strategy ?? 'per-agent',
    conventional,
    changes: [...input.changes],
    agents,
    groups,
    order,
    undecided,
    singleMessage: '',
    singleMessageEdited: false,
  };
  return redraftMessages(plan);
}

function attributionByPath(input: PlanInput): Map<string, AttributionEntry[]> {
  // Attribution may name a rename by its old path; the plan lists it under the new one.
  const renamedFrom = new Map(input.changes.filter((c) => c.oldPath).map((c) => [c.oldPath!, c.path]));
  const byPath = new Map<string, AttributionEntry[]>();
  for (const entry of input.attribution) {
    const path = renamedFrom.get(entry.path) ?? entry.path;
    const entries = byPath.get(path);
    if (entries) entries.push(entry);
    else byPath.set(path, [entry]);
  }
  return byPath;
}

/** Distinct writers of a file, agents in first-seen order, then null if someone unidentified wrote too. */
function writersOf(entries: readonly AttributionEntry[]): Array<string | null> {
  const writers = new Set<string | null>();
  for (const entry of entries) {
    // Hunks say more than the file-level verdict (which may be "unattributed" for a mixed file).
    if (entry.hunks && entry.hunks.length > 0) for (const hunk of entry.hunks) writers.add(hunk.agentId);
    else writers.add(entry.agentId);
  }
  const agents = [...writers].filter((w): w is string => w !== null);
  return writers.has(null) && agents.length > 0 ? [...agents, null] : writers.has(null) ? [null] : agents;
}

/** Offline ranks above unattributed, so a file changed while Switchyard was not running stays flagged. */
const ATTRIBUTION_STRENGTH: Record<AttributionKind, number> = { exact: 3, inferred: 2, offline: 1, unattributed: 0 };

function strongestAttribution(entries: readonly AttributionEntry[]): AttributionKind {
  let best: AttributionKind = 'unattributed';
  for (const entry of entries) if (ATTRIBUTION_STRENGTH[entry.attribution] > ATTRIBUTION_STRENGTH[best]) best = entry.attribution;
  return best;
}

/** Why a file several writers touched cannot be split by hunk, or null when it can. */
function splitRefusal(change: PlanChange, writers: Array<string | null>, hunkWriters: Set<string | null>): string | null {
  if (!canSplitByHunk(change)) {
    const what = change.binary ? 'a binary file' : change.modeChanged ? 'its mode changed' : `it was ${change.kind}`;
    return `Several agents changed it and it cannot be split by hunk (${what}); choose one group.`;
  }
  if (hunkWriters.size === 0) return 'Several agents changed it and the journal does not show who wrote which lines; choose one group.';
  const missing = writers.filter((w) => !hunkWriters.has(w));
  if (missing.length > 0) return 'Several agents changed it and the journal shows the lines of only some of them; choose one group.';
  return null;
}

function uniqueHunks(hunks: readonly HunkRange[]): HunkRange[] {
  const byKey = new Map(hunks.map((h) => [hunkKey(h), { oldStart: h.oldStart, oldLines: h.oldLines, newStart: h.newStart, newLines: h.newLines }]));
  return [...byKey.values()].sort(compareHunks);
}

function agentOf(agents: readonly PlanAgent[], agentId: string | null): MessageAgent | null {
  if (agentId === null) return null;
  return agents.find((a) => a.id === agentId) ?? { id: agentId, name: agentId, task: '' };
}

/** Redrafts every message the user has not edited, from the plan's current files. */
export function redraftMessages(plan: CommitPlan): CommitPlan {
  const byId = new Map(plan.groups.map((g) => [g.id, g]));
  const groups = plan.groups.map((group) =>
    group.messageEdited ? group : { ...group, message: draftGroupMessage({ agent: agentOf(plan.agents, group.agentId), files: group.files.map((f) => f.path) }, plan.conventional) },
  );
  const ordered = plan.order.map((id) => byId.get(id)).filter((g): g is CommitGroup => g !== undefined);
  const singleMessage = plan.singleMessageEdited
    ? plan.singleMessage
    : draftSingleMessage(
        ordered.map((g) => ({ agent: agentOf(plan.agents, g.agentId), files: g.files.map((f) => f.path) })),
        plan.conventional,
      );
  const isolated = plan.isolated?.map((g) =>
    g.messageEdited ? g : { ...g, message: draftIsolatedMessage(agentOf(plan.agents, g.agentId)!, g.branch, g.mode, g.files, plan.conventional) },
  );
  return { ...plan, groups, singleMessage, ...(isolated ? { isolated } : {}) };
}

/** The groups in commit order. */
export function orderedGroups(plan: CommitPlan): CommitGroup[] {
  const byId = new Map(plan.groups.map((g) => [g.id, g]));
  return plan.order.map((id) => byId.get(id)!).filter(Boolean);
}
