/**
 * Codex processes that run on the repository outside Switchyard, as attribution sees them. Their
 * own activity (from their rollout logs) is noted in the activity log under `pid:N`, a key no
 * agent id can take (ids have no colon), so the agent rules judge it like any agent's; this turns
 * such a verdict into an `unmanaged-process` one, so nobody Switchyard manages is blamed. Where a
 * process's log could not be found, the process being there is the evidence: a change nobody else
 * was active for is put down to it.
 */
import { discoveredRef } from '../../shared/monitor-ref';
import type { ChangeSpan } from './attribution-rules';
import type { CallReference, EvidenceRule, UnmanagedBasis, Verdict } from './change-types';

export interface UnmanagedProcess {
  pid: number;
  /** When it started (epoch ms; the scan's time when unknown). */
  since: number;
  /** As the scan reported it (ISO), for the evidence. */
  startedAt: string | null;
  /** Its rollout log is being read: its own calls say what it wrote, and its presence alone proves nothing. */
  followed: boolean;
}

/** How an unmanaged process's activity is keyed where agents' is: `pid:N`, as the monitor names it. */
export const unmanagedKey = (pid: number): string => discoveredRef(pid);

const KEY_PATTERN = /^pid:(\d+)$/;

/** The pid an activity key stands for, or null for an agent's id. */
export function pidOfKey(agentId: string): number | null {
  const match = KEY_PATTERN.exec(agentId);
  return match ? Number(match[1]) : null;
}

const AGENT_RULES_AS_BASIS: ReadonlySet<EvidenceRule> = new Set<EvidenceRule>([
  'rollout-file-change',
  'command-writes-path',
  'single-active-command',
  'command-mentions-path',
]);

interface Span {
  process: UnmanagedProcess;
  until: number | null;
}

export class UnmanagedPresence {
  private readonly spans = new Map<number, Span>();

  /** True when this is news (a process not known, or a new one under a reused pid). */
  started(process: UnmanagedProcess): boolean {
    const known = this.spans.get(process.pid);
    if (known && known.until === null && known.process.startedAt === process.startedAt && known.process.followed === process.followed) return false;
    this.spans.set(process.pid, { process: { ...process }, until: null });
    return true;
  }

  ended(pid: number, at: number): void {
    const span = this.spans.get(pid);
    if (span && span.until === null) span.until = at;
  }

  /** The verdict, with an unmanaged process's part in it said as such. */
  judge(change: ChangeSpan, verdict: Verdict, slackMs: number): Verdict {
    const pid = verdict.agentId === null ? null : pidOfKey(verdict.agentId);
    if (pid !== null) {
      const rule = verdict.evidence.rule;
      const basis: UnmanagedBasis = AGENT_RULES_AS_BASIS.has(rule) ? (rule as UnmanagedBasis) : 'running';
      const call = 'call' in verdict.evidence ? verdict.evidence.call : null;
      return this.unmanagedVerdict(pid, basis, call);
    }
    if (verdict.evidence.rule !== 'no-agent-active') return verdict;
    // Several unlogged ones at once: the newest is named; the evidence says it rests on presence only.
    let present: Span | null = null;
    for (const span of this.spans.values()) {
      if (span.process.followed) continue;
      if (span.process.since - slackMs > change.latest || (span.until ?? Number.POSITIVE_INFINITY) + slackMs < change.earliest) continue;
      if (!present || span.process.since > present.process.since) present = span;
    }
    return present ? this.unmanagedVerdict(present.process.pid, 'running', null) : verdict;
  }

  private unmanagedVerdict(pid: number, basis: UnmanagedBasis, call: CallReference | null): Verdict {
    const startedAt = this.spans.get(pid)?.process.startedAt ?? null;
    return { attribution: 'unattributed', agentId: null, evidence: { rule: 'unmanaged-process', pid, startedAt, basis, call } };
  }
}
