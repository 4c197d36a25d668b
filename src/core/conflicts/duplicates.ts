/**
 * Duplicate agents on one repository: two agents (managed, or Codex processes found running
 * outside Switchyard) with the same or a near-identical task, or two managed agents whose claims
 * overlap. Tasks are compared without their ticket references, tags and agent names; for managed
 * agents what they did counts too (the same files written, writes refused on the other's claim),
 * so a merely similar task plus that behaviour is a duplicate. Each finding names the agent to
 * keep, the one to stop, and why in words.
 */
import { ENDED_STATUSES, PENDING_STATUSES, type Agent } from '../../shared/domain';
import {
  discoveredRef,
  type AgentRef,
  type DiscoveredProcess,
  type DuplicateFinding,
  type DuplicateSeverity,
} from '../../shared/monitor';
import { compileTarget, parseClaimTarget, type CompiledTarget } from '../locks/claim-target';
import { targetsOverlap } from '../locks/target-overlap';
import { listWords } from './conflict-context';
import { describeEvidence, hasEvidence, NO_EVIDENCE, pairEvidence, type AgentActivity } from './duplicate-evidence';
import { compareTasks, type TaskComparison } from './task-similarity';

/**
 * Tasks at least this similar are reported as duplicates. At 0.7 a task re-typed with one word
 * added, dropped or reordered still counts; one changing a key word ("login" → "signup") in a
 * sentence of eight does not (about 0.63).
 */
export const NEAR_DUPLICATE_TASK_SIMILARITY = 0.7;
/** Similarity of the same task written again (after case, punctuation and filler words). */
export const SAME_TASK_SIMILARITY = 1;
/**
 * Tasks this alike are duplicates when the agents' behaviour agrees (they wrote the same files,
 * or one was refused on the other's claim). At 0.6 a task with a couple of words added still
 * counts ("add inventory endpoints for hops" / "… endpoints and tests for hops", 0.60), and so
 * does one with a key word changed ("login" / "signup" in a sentence of eight, about 0.63); two
 * jobs that only share their wording's frame ("… endpoints for hops" / "… for yeasts", 0.56) do
 * not, and their clash over a file is reported as an overlap or violation instead.
 */
export const BEHAVIOUR_BACKED_TASK_SIMILARITY = 0.6;
/** Task excerpts in findings stay readable on one line. */
const TASK_EXCERPT_CHARS = 60;

export interface DuplicateInput {
  managed: readonly Agent[];
  /** Codex processes in the repository that no managed agent accounts for. */
  unmanaged: readonly DiscoveredProcess[];
  /** What managed agents wrote and were refused; without it only tasks and claims are compared. */
  activity?: AgentActivity | undefined;
}

interface Participant {
  ref: AgentRef;
  label: string;
  /** The agent's name (managed agents): it may appear in tasks and says nothing about the job. */
  name: string | null;
  task: string | null;
  claims: readonly string[];
  /** Epoch ms; null when unknown (sorted as the later one). */
  startedAt: number | null;
  managed: boolean;
  /** Queued or blocked: can be dropped before it does any work. */
  pending: boolean;
}

const epoch = (iso: string | null): number | null => {
  if (iso === null) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
};

function participants(input: DuplicateInput): Participant[] {
  const managed = input.managed
    .filter((agent) => !ENDED_STATUSES.includes(agent.status))
    .map((agent): Participant => ({
      ref: agent.id,
      label: `agent "${agent.name}" (${agent.id})`,
      name: agent.name,
      task: agent.task,
      // An isolated agent's claims are advisory (its own worktree): they meet nobody's. Its task still can.
      claims: agent.workspace ? [] : agent.claims,
      startedAt: epoch(agent.startedAt),
      managed: true,
      pending: PENDING_STATUSES.includes(agent.status),
    }));
  const unmanaged = input.unmanaged
    .filter((process) => !process.managed && process.kind !== 'daemon')
    .map((process): Participant => ({
      ref: discoveredRef(process.pid),
      label: `Codex pid ${process.pid}`,
      name: null,
      task: process.task,
      claims: [],
      startedAt: epoch(process.startedAt),
      managed: false,
      pending: false,
    }));
  return [...managed, ...unmanaged];
}

/**
 * Which of two agents to keep: a managed one over one Switchyard cannot coordinate, a running
 * one over one still queued, then the one that started first (it has done more of the work).
 */
function keepFirst(a: Participant, b: Participant): [Participant, Participant] {
  if (a.managed !== b.managed) return a.managed ? [a, b] : [b, a];
  if (a.pending !== b.pending) return a.pending ? [b, a] : [a, b];
  const aStart = a.startedAt ?? Number.POSITIVE_INFINITY;
  const bStart = b.startedAt ?? Number.POSITIVE_INFINITY;
  if (aStart !== bStart) return aStart < bStart ? [a, b] : [b, a];
  return a.ref <= b.ref ? [a, b] : [b, a];
}

const excerpt = (task: string): string => {
  const flat = task.replace(/\s+/g, ' ').trim();
  return flat.length > TASK_EXCERPT_CHARS ? `${flat.slice(0, TASK_EXCERPT_CHARS - 1)}…` : flat;
};

function stopAdvice(keep: Participant, drop: Participant, what: string): string {
  if (!drop.managed) {
    return `Stop ${drop.label}; it repeats ${keep.label}'s ${what}, and it runs outside Switchyard, so its writes are not coordinated.`;
  }
  if (drop.pending) return `Remove queued ${drop.label} before it starts; it repeats ${keep.label}'s ${what}.`;
  return `Stop ${drop.label}; it repeats ${keep.label}'s ${what}.`;
}

const score = (similarity: number): string => `similarity ${similarity.toFixed(2)}`;

/** "the same task once ticket references and tags are ignored (similarity 1.00)". */
function taskVerdict(comparison: TaskComparison): string {
  const { similarity, asWritten, ignored } = comparison;
  // Only worth saying when the markers were what kept the tasks apart.
  const once = ignored.length > 0 && similarity > asWritten ? ` once ${listWords(ignored)} are ignored` : '';
  if (similarity >= SAME_TASK_SIMILARITY) return `the same task${once} (${score(similarity)})`;
  if (similarity >= NEAR_DUPLICATE_TASK_SIMILARITY) return `nearly the same task${once} (${score(similarity)})`;
  return `similar tasks${once} (${score(similarity)})`;
}

function sameTaskFinding(a: Participant, b: Participant, activity: AgentActivity | undefined): DuplicateFinding | null {
  if (a.task === null || b.task === null) return null;
  const names = [a.name, b.name].filter((name): name is string => name !== null);
  const comparison = compareTasks(a.task, b.task, names);
  const { similarity } = comparison;
  if (similarity < BEHAVIOUR_BACKED_TASK_SIMILARITY) return null;
  const evidence = activity && a.managed && b.managed ? pairEvidence(activity, a.ref, b.ref) : NO_EVIDENCE;
  const backed = hasEvidence(evidence);
  if (similarity < NEAR_DUPLICATE_TASK_SIMILARITY && !backed) return null;
  const [keep, drop] = keepFirst(a, b);
  const severity: DuplicateSeverity = similarity >= SAME_TASK_SIMILARITY || (backed && similarity >= NEAR_DUPLICATE_TASK_SIMILARITY) ? 'high' : 'medium';
  const labels = new Map([a, b].map((p) => [p.ref, p.label]));
  const why = [
    `${keep.label} and ${drop.label} have ${taskVerdict(comparison)}: "${excerpt(keep.task ?? '')}"`,
    ...describeEvidence(evidence, (ref) => labels.get(ref) ?? ref),
  ];
  return {
    kind: 'same-task',
    agents: [keep.ref, drop.ref],
    severity,
    reason: `${why.join('; ')}.`,
    recommendation: stopAdvice(keep, drop, 'task'),
    similarity,
    claims: [],
  };
}

// ---- Claims ---------------------------------------------------------------------------------

type ClaimOverlap = 'certain' | 'possible' | 'none';

/**
 * Whether two claims could cover a common path, by the lock table's own rules (a trailing `/` is
 * a directory, glob syntax a glob, anything else one file). A claim the lock table would refuse
 * is compared as "possible": this check warns, it does not validate.
 */
export function claimOverlap(left: string, right: string): ClaimOverlap {
  try {
    const compile = (claim: string): CompiledTarget =>
      compileTarget(parseClaimTarget(claim.trim().replace(/^\.\/(?=.)/, '')), false);
    const verdict = targetsOverlap(compile(left), compile(right));
    if (!verdict.overlap) return 'none';
    return verdict.certain ? 'certain' : 'possible';
  } catch {
    return 'possible';
  }
}

function claimsFinding(a: Participant, b: Participant): DuplicateFinding | null {
  const meeting = new Set<string>();
  let certain = false;
  for (const left of a.claims) {
    for (const right of b.claims) {
      const overlap = claimOverlap(left, right);
      if (overlap === 'none') continue;
      certain ||= overlap === 'certain';
      meeting.add(left).add(right);
    }
  }
  if (meeting.size === 0) return null;
  const [keep, drop] = keepFirst(a, b);
  const claims = [...meeting];
  return {
    kind: 'overlapping-claims',
    agents: [keep.ref, drop.ref],
    severity: certain ? 'high' : 'medium',
    reason: `${keep.label} and ${drop.label} claim ${certain ? 'the same' : 'possibly the same'} files: ${claims.join(', ')}.`,
    recommendation: drop.pending
      ? `Let ${drop.label} wait for ${keep.label} (launch it with --after ${keep.ref}), or narrow its claims.`
      : `Stop ${drop.label} and relaunch it with --after ${keep.ref}, or narrow its claims so they do not meet ${keep.label}'s.`,
    similarity: null,
    claims,
  };
}

export function findDuplicates(input: DuplicateInput): DuplicateFinding[] {
  const all = participants(input);
  const findings: DuplicateFinding[] = [];
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const a = all[i]!;
      const b = all[j]!;
      // The same task says more than the claims: stopping one of the pair settles both.
      const finding = sameTaskFinding(a, b, input.activity) ?? claimsFinding(a, b);
      if (finding) findings.push(finding);
    }
  }
  const rank: Record<DuplicateSeverity, number> = { high: 0, medium: 1 };
  return findings.sort((x, y) => rank[x.severity] - rank[y.severity]);
}
