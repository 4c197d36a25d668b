/** Plain-object snapshots for the conflict rules: agents, changes, claims and journal versions. */
import type { TrackedChange } from '../../../src/core/changes/change-types';
import type { ConflictInput } from '../../../src/core/conflicts/detect-conflicts';
import type { JournalVersion } from '../../../src/core/journal/journal-types';
import { AgentSchema, type Agent, type AgentStatus } from '../../../src/shared/domain';
import type { ClaimView } from '../../../src/shared/locks';

export const T0 = Date.parse('2026-03-01T10:00:00Z');
export const MINUTE = 60_000;
/** The snapshot's default `now`, and a moment shortly before it. */
export const NOW = T0 + 60 * MINUTE;
const RECENT = NOW - MINUTE;

export function agent(id: string, options: { name?: string; task?: string; status?: AgentStatus; claims?: string[]; startedAt?: number; lastProgressAt?: number | null; stuck?: boolean } = {}): Agent {
  return AgentSchema.parse({
    id,
    name: options.name ?? id.toUpperCase(),
    // Words made of the id: no two fixtures' tasks look alike unless a test says so.
    task: options.task ?? `${id}x ${id}y ${id}z`,
    status: options.status ?? 'working',
    pid: 100,
    repo: '/repo',
    claims: options.claims ?? [],
    cols: 80,
    rows: 24,
    startedAt: new Date(options.startedAt ?? T0).toISOString(),
    endedAt: null,
    exitCode: null,
    detail: null,
    lastProgressAt: options.lastProgressAt === undefined ? new Date(RECENT).toISOString() : options.lastProgressAt === null ? null : new Date(options.lastProgressAt).toISOString(),
    stuck: options.stuck ?? false,
  });
}

let nextChangeId = 1;

/** A change by `agentId` (null: unattributed) that happened at `at` (a one-second window ending there). */
export function change(path: string, agentId: string | null, at: number, options: { baseline?: boolean; restore?: number; kind?: TrackedChange['kind']; spanMs?: number } = {}): TrackedChange {
  const span = options.spanMs ?? 1_000;
  const call = { agentId: agentId ?? 'x', callId: `c${nextChangeId}`, sources: ['rollout' as const], command: null, startedAt: at - span, endedAt: at };
  return {
    id: nextChangeId++,
    revision: 0,
    path,
    kind: options.kind ?? 'modify',
    earliest: at - span,
    latest: at,
    observedAt: at + 50,
    attribution: options.baseline ? 'unattributed' : agentId === null ? 'unattributed' : 'exact',
    agentId: options.baseline ? null : agentId,
    evidence: options.restore
      ? { rule: 'restore', fromVersion: options.restore }
      : options.baseline
        ? { rule: 'baseline' }
        : agentId === null
          ? { rule: 'no-agent-active' }
          : { rule: 'rollout-file-change', call, contenders: [] },
    journalVersion: null,
    blob: null,
  };
}

export function claim(agentId: string | null, pattern: string, options: { mode?: ClaimView['mode']; since?: number; kind?: ClaimView['kind'] } = {}): ClaimView {
  return {
    id: `claim-${agentId ?? 'user'}-${pattern}`,
    agentId,
    // A view names a directory without its trailing slash, as the lock table stores it.
    pattern: pattern.replace(/\/$/, ''),
    kind: options.kind ?? (pattern.endsWith('/') ? 'directory' : /[*?]/.test(pattern) ? 'glob' : 'file'),
    mode: options.mode ?? 'exclusive',
    token: 1,
    since: new Date(options.since ?? T0 - MINUTE).toISOString(),
    releasingAt: null,
  };
}

/** A journal timeline: one version per writer, in order (null: baseline or user). */
export function timeline(path: string, writers: Array<string | null>): JournalVersion[] {
  return writers.map((agentId, index) => ({
    path,
    version: index + 1,
    at: new Date(T0 + index * MINUTE).toISOString(),
    state: 'kept',
    blob: `blob${index + 1}`,
    mode: '100644',
    size: 10,
    agentId,
    attribution: agentId === null ? 'unattributed' : 'exact',
    evidence: { rule: agentId === null ? 'baseline' : 'rollout-file-change' },
  }));
}

export function input(partial: Partial<ConflictInput> & { timelines?: Record<string, JournalVersion[]> } = {}): ConflictInput {
  const { timelines = {}, ...rest } = partial;
  return {
    now: NOW,
    changes: [],
    gateEvents: [],
    agents: [],
    claims: [],
    importCycles: [],
    stuckAfterMinutes: 10,
    timeline: (path) => timelines[path] ?? [],
    ...rest,
  };
}
