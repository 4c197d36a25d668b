/**
 * The write gate's refusals and violations, read back from the repository's activity log
 * (`.agents/orchestrator.log`) when a repository is opened, so the conflicts they raise survive a
 * restart, a crash or a switch to another repository and back.
 */
import fs from 'node:fs';
import type { GateEvent } from '../conflicts/detect-conflicts';

/** Only the log's end is read: an hour of gate events fits many times over, and a huge log costs no more. */
export const GATE_LOG_TAIL_BYTES = 4 * 1024 * 1024;

interface LoggedWrite {
  path?: unknown;
  verdict?: unknown;
  holderAgentId?: unknown;
}

/** Gate events logged at or after `since` (epoch ms), oldest first; an unreadable log or line gives nothing. */
export function readLoggedGateEvents(logFile: string, since: number): GateEvent[] {
  let text: string;
  try {
    text = readTail(logFile, GATE_LOG_TAIL_BYTES);
  } catch {
    return [];
  }
  const events: GateEvent[] = [];
  for (const raw of text.split('\n')) {
    if (!raw.includes('"write-refused"') && !raw.includes('"write-violation"')) continue;
    const event = gateEventOf(raw);
    if (event && event.at >= since) events.push(event);
  }
  return events;
}

function gateEventOf(raw: string): GateEvent | null {
  let line: Record<string, unknown>;
  try {
    line = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return null;
  }
  const kind = line.event === 'write-refused' ? 'refused' : line.event === 'write-violation' ? 'violation' : null;
  const at = typeof line.at === 'string' ? Date.parse(line.at) : Number.NaN;
  if (!kind || typeof line.id !== 'string' || !Array.isArray(line.writes) || Number.isNaN(at)) return null;
  // A refusal logs every write of the command; the event is about the ones refused (as the gate noted it).
  const writes = (line.writes as LoggedWrite[]).filter((w) => typeof w?.path === 'string' && (kind === 'violation' || w.verdict !== 'allowed'));
  if (writes.length === 0) return null;
  return {
    kind,
    agentId: line.id,
    paths: writes.map((w) => w.path as string),
    holders: writes.map((w) => (typeof w.holderAgentId === 'string' ? w.holderAgentId : null)),
    reason: typeof line.reason === 'string' ? line.reason : '',
    at,
  };
}

/** The last `bytes` of a file, from the first whole line. */
export function readTail(file: string, bytes: number): string {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const start = Math.max(0, size - bytes);
    const buffer = Buffer.alloc(size - start);
    fs.readSync(fd, buffer, 0, buffer.length, start);
    const text = buffer.toString('utf8');
    // A tail that starts mid-line drops that partial line.
    return start > 0 ? text.slice(text.indexOf('\n') + 1) : text;
  } finally {
    fs.closeSync(fd);
  }
}
