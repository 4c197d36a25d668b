/**
 * The open repository's metrics: fed by the supervisor's status changes, the rollout logs the change
 * tracker reads, the lock table's waiters and the write gate's refusals; kept per agent in memory
 * and saved, coalesced, under `.agents/metrics/` (metrics-files.ts), so they survive restarts.
 * Every note is O(the event): counting must cost the agents nothing noticeable.
 */
import path from 'node:path';
import { isEnded, type Agent } from '../../shared/domain';
import type { LocksDelta } from '../../shared/locks';
import type { RolloutEvent } from '../changes/rollout-events';
import { AGENTS_DIR } from '../registry/registry-store';
import { closeStaleWaits, newAgentRecord, noteRolloutEvents, noteStatus, noteWaitEnded, noteWaitStarted, type AgentRecord } from './agent-record';
import { MetricsFiles } from './metrics-files';

export interface RepoMetricsOptions {
  now?: () => number;
  onProblem?: (message: string) => void;
  flushDelayMs?: number;
}

export class RepoMetrics {
  private readonly records = new Map<string, AgentRecord>();
  /** Lock-table waiter id → the agent waiting (the removal only names the waiter). */
  private readonly waiters = new Map<string, string>();
  private files: MetricsFiles | null = null;
  private readonly now: () => number;

  constructor(private readonly options: RepoMetricsOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  /** Another repository was opened: its records replace the others (whose last changes are written first). */
  open(repo: string): void {
    // The previous repository's pending records are taken now and written in the background.
    void this.files?.flush();
    this.records.clear();
    this.waiters.clear();
    this.files = new MetricsFiles(path.join(repo, AGENTS_DIR), () => this.records, (m) => this.options.onProblem?.(m), this.options.flushDelayMs);
    for (const record of this.files.load()) {
      closeStaleWaits(record);
      this.records.set(record.id, record);
    }
  }

  /** Every change of an agent's record passes here; only a new status is recorded. */
  noteAgent(agent: Agent): void {
    if (!this.files) return;
    let record = this.records.get(agent.id);
    const isNew = !record;
    if (!record) {
      record = newAgentRecord(agent.id, agent.name);
      this.records.set(agent.id, record);
    }
    const renamed = record.name !== agent.name;
    record.name = agent.name;
    // A new record starts when the agent was launched (queued), not when metrics first saw it.
    // An agent found ended after a restart ended when its record says, not when Switchyard came back.
    const launched = Date.parse(agent.startedAt);
    const ended = agent.endedAt ? Date.parse(agent.endedAt) : Number.NaN;
    let at = this.now();
    if (isNew && agent.status === 'queued' && Number.isFinite(launched)) at = Math.min(launched, at);
    else if (isEnded(agent.status) && Number.isFinite(ended)) at = Math.min(ended, at);
    if (noteStatus(record, agent.status, at) || renamed || isNew) this.files.markDirty(agent.id);
  }

  noteRollout(agentId: string, file: string, events: readonly RolloutEvent[]): void {
    const record = this.records.get(agentId);
    if (record && this.files && noteRolloutEvents(record, file, events)) this.files.markDirty(agentId);
  }

  /** Claims queued behind a holder start a wait; a waiter leaving (granted, given up) ends it. */
  noteLocks(delta: Pick<LocksDelta, 'waiting'>): void {
    if (!this.files) return;
    for (const waiter of delta.waiting.set) {
      if (!waiter.agentId) continue;
      const record = this.records.get(waiter.agentId);
      if (!record) continue;
      this.waiters.set(waiter.id, waiter.agentId);
      const since = Date.parse(waiter.since);
      if (noteWaitStarted(record, { id: waiter.id, pattern: waiter.pattern, from: Number.isFinite(since) ? since : this.now() })) this.files.markDirty(record.id);
    }
    for (const id of delta.waiting.removed) {
      const agentId = this.waiters.get(id);
      this.waiters.delete(id);
      const record = agentId ? this.records.get(agentId) : undefined;
      if (record && noteWaitEnded(record, id, this.now())) this.files.markDirty(record.id);
    }
  }

  noteRefusedWrite(agentId: string): void {
    const record = this.records.get(agentId);
    if (!record || !this.files) return;
    record.refusedWrites++;
    this.files.markDirty(agentId);
  }

  /** The records, oldest launch first. */
  list(): AgentRecord[] {
    return [...this.records.values()].sort((a, b) => (a.marks[0]?.at ?? 0) - (b.marks[0]?.at ?? 0));
  }

  flush(): Promise<void> {
    return this.files?.flush() ?? Promise.resolve();
  }
}
