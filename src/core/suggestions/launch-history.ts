/**
 * What a repository remembers about its earlier agents, gathered for claim suggestions: their
 * tasks (the registry's agents, and removed agents from their `removed` line in
 * `.agents/orchestrator.log`), the files each changed (the journal), and the writes the gate
 * refused or let onto another agent's claim (the activity log's gate events).
 */
import path from 'node:path';
import type { Agent } from '../../shared/domain';
import { AGENTS_DIR } from '../registry/registry-store';
import { GATE_LOG_TAIL_BYTES, readLoggedGateEvents, readTail } from '../session/logged-gate-events';
import type { PastAgent, PastConflict, RepoHistory } from './claim-suggestions';

export interface HistorySources {
  repo: string;
  agents: readonly Agent[];
  /** Files each agent id wrote (the journal); null while change tracking is not running. */
  writes: ReadonlyMap<string, ReadonlySet<string>> | null;
}

export const activityLogOf = (repo: string): string => path.join(repo, AGENTS_DIR, 'orchestrator.log');

export function gatherHistory({ repo, agents, writes }: HistorySources): RepoHistory {
  const logFile = activityLogOf(repo);
  const filesOf = (id: string): string[] => [...(writes?.get(id) ?? [])];
  const known = new Set(agents.map((a) => a.id));
  const past: PastAgent[] = agents.map((a) => ({ id: a.id, name: a.name, task: a.task, files: filesOf(a.id) }));
  for (const removed of readRemovedAgents(logFile)) {
    if (known.has(removed.id)) continue;
    known.add(removed.id);
    past.push({ ...removed, files: filesOf(removed.id) });
  }
  const conflicts: PastConflict[] = readLoggedGateEvents(logFile, 0).flatMap((event) => event.paths.map((p) => ({ path: p, kind: event.kind })));
  return { agents: past, conflicts };
}

/** Removed agents' ids, names and tasks, from the log's `removed` lines (older lines carry no task and are skipped). */
export function readRemovedAgents(logFile: string): Array<{ id: string; name: string; task: string }> {
  let text: string;
  try {
    text = readTail(logFile, GATE_LOG_TAIL_BYTES);
  } catch {
    return [];
  }
  const removed: Array<{ id: string; name: string; task: string }> = [];
  for (const raw of text.split('\n')) {
    if (!raw.includes('"removed"')) continue;
    try {
      const line = JSON.parse(raw) as Record<string, unknown>;
      if (line.event === 'removed' && typeof line.id === 'string' && typeof line.name === 'string' && typeof line.task === 'string') {
        removed.push({ id: line.id, name: line.name, task: line.task });
      }
    } catch {
      // A torn line (a crash mid-write) tells nothing.
    }
  }
  return removed;
}
