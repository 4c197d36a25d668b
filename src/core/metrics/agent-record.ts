/**
 * What the metrics keep about one agent (saved as `.agents/metrics/<agent>.json`), and how each
 * observation updates it. Rollout logs are read again from their start after a restart, so every
 * rollout-derived count is idempotent: token totals are Codex's cumulative figures (a line whose
 * total is not above the last one counted is old), calls and edits count only after the last one
 * counted (by time, with the ids seen at that same millisecond).
 */
import { z } from 'zod';
import { AgentStatusSchema, type AgentStatus } from '../../shared/domain';
import { TokenUsageSchema, type TokenUsage } from '../../shared/metrics';
import type { RolloutEvent } from '../changes/rollout-events';
import { addUsage, NO_TOKENS, UNKNOWN_MODEL, usageSince } from './token-cost';

/** Bounds on what one agent's file holds; the oldest entries go first. */
export const MAX_MARKS = 10_000;
export const MAX_EDITS = 5_000;
export const MAX_WAITS = 1_000;

const SeenSchema = z.object({ at: z.number(), ids: z.array(z.string()) });
type Seen = z.infer<typeof SeenSchema>;

export const AgentRecordSchema = z.object({
  version: z.literal(1),
  id: z.string(),
  name: z.string(),
  marks: z.array(z.object({ at: z.number(), status: AgentStatusSchema })),
  waits: z.array(z.object({ id: z.string(), pattern: z.string(), from: z.number(), to: z.number().nullable() })),
  /** Per rollout log: Codex's last cumulative usage counted, and the model responses (turns) in it. */
  sessions: z.record(z.string(), z.object({ total: TokenUsageSchema, turns: z.number().int() })),
  byModel: z.record(z.string(), TokenUsageSchema),
  model: z.string().nullable(),
  toolCalls: z.number().int(),
  toolCallsSeen: SeenSchema,
  edits: z.array(z.object({ at: z.number(), files: z.number().int() })),
  editCount: z.number().int(),
  editsSeen: SeenSchema,
  refusedWrites: z.number().int(),
});
export type AgentRecord = z.infer<typeof AgentRecordSchema>;

export function newAgentRecord(id: string, name: string): AgentRecord {
  return {
    version: 1,
    id,
    name,
    marks: [],
    waits: [],
    sessions: {},
    byModel: {},
    model: null,
    toolCalls: 0,
    toolCallsSeen: { at: 0, ids: [] },
    edits: [],
    editCount: 0,
    editsSeen: { at: 0, ids: [] },
    refusedWrites: 0,
  };
}

/** Records a status change; false when the status is the one already recorded. */
export function noteStatus(record: AgentRecord, status: AgentStatus, at: number): boolean {
  const last = record.marks[record.marks.length - 1];
  if (last?.status === status) return false;
  record.marks.push({ at: Math.max(at, last?.at ?? at), status });
  if (record.marks.length > MAX_MARKS) record.marks.splice(0, record.marks.length - MAX_MARKS);
  return true;
}

/** Applies the rollout events of one log; true when anything counted. */
export function noteRolloutEvents(record: AgentRecord, file: string, events: readonly RolloutEvent[]): boolean {
  let changed = false;
  for (const event of events) {
    switch (event.type) {
      case 'model':
        if (record.model !== event.model) {
          record.model = event.model;
          changed = true;
        }
        break;
      case 'token-count': {
        const session = record.sessions[file] ?? { total: NO_TOKENS, turns: 0 };
        if (event.total.total <= session.total.total) break;
        const spent = usageSince(event.total, session.total);
        // The model is a key of a plain object: `__proto__` would replace its prototype instead.
        const model = record.model !== null && record.model !== '__proto__' ? record.model : UNKNOWN_MODEL;
        record.byModel[model] = addUsage(record.byModel[model] ?? NO_TOKENS, spent);
        record.sessions[file] = { total: event.total, turns: session.turns + 1 };
        changed = true;
        break;
      }
      case 'tool-call':
        if (isNew(record.toolCallsSeen, event.at, event.callId)) {
          record.toolCalls++;
          changed = true;
        }
        break;
      case 'file-change':
        if (event.paths.length > 0 && isNew(record.editsSeen, event.at, event.callId)) {
          record.edits.push({ at: event.at, files: event.paths.length });
          if (record.edits.length > MAX_EDITS) record.edits.splice(0, record.edits.length - MAX_EDITS);
          record.editCount++;
          changed = true;
        }
        break;
      default:
        break;
    }
  }
  return changed;
}

/** Counts an event once: later than the last counted, or at its millisecond with another id. */
function isNew(seen: Seen, at: number, id: string): boolean {
  if (at < seen.at || (at === seen.at && seen.ids.includes(id))) return false;
  if (at > seen.at) {
    seen.at = at;
    seen.ids = [];
  }
  seen.ids.push(id);
  return true;
}

/** A claim the agent now waits for (known waiters are left as they are). */
export function noteWaitStarted(record: AgentRecord, wait: { id: string; pattern: string; from: number }): boolean {
  if (record.waits.some((w) => w.id === wait.id)) return false;
  record.waits.push({ ...wait, to: null });
  if (record.waits.length > MAX_WAITS) record.waits.splice(0, record.waits.length - MAX_WAITS);
  return true;
}

export function noteWaitEnded(record: AgentRecord, waiterId: string, at: number): boolean {
  const wait = record.waits.find((w) => w.id === waiterId && w.to === null);
  if (!wait) return false;
  wait.to = Math.max(wait.from, at);
  return true;
}

/** After a restart no waiter of the old process exists: its open waits ended with the agent's last known state. */
export function closeStaleWaits(record: AgentRecord): void {
  const lastAt = record.marks[record.marks.length - 1]?.at ?? 0;
  for (const wait of record.waits) if (wait.to === null) wait.to = Math.max(wait.from, lastAt);
}

export function totalTokens(record: AgentRecord): TokenUsage {
  return Object.values(record.byModel).reduce(addUsage, NO_TOKENS);
}

export function modelTurns(record: AgentRecord): number {
  return Object.values(record.sessions).reduce((sum, s) => sum + s.turns, 0);
}
