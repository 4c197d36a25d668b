/**
 * Counts from the core's activity log (`.agents/orchestrator.log`, one JSON line per event): hook
 * events that reached the core and writes the gate refused, per agent. Read from the log rather
 * than from the hook's code, so the count holds whatever the hook is made of.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface ActivityCounts {
  /** Hook events the core received, by event name. */
  hooks: Record<string, number>;
  hookTotal: number;
  /** `write-refused` lines: tool calls the gate refused. */
  refused: number;
  /** The refusals' reasons, for the bench's printout. */
  reasons: string[];
}

export function countActivity(repo: string, agentIds: ReadonlySet<string>): ActivityCounts {
  const counts: ActivityCounts = { hooks: {}, hookTotal: 0, refused: 0, reasons: [] };
  let text: string;
  try {
    text = fs.readFileSync(path.join(repo, '.agents', 'orchestrator.log'), 'utf8');
  } catch {
    return counts;
  }
  for (const line of text.split('\n')) {
    if (!line) continue;
    let entry: { event?: string; id?: string; hook?: string; reason?: string };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      continue;
    }
    if (!entry.id || !agentIds.has(entry.id)) continue;
    if (entry.event === 'hook' && entry.hook) {
      counts.hooks[entry.hook] = (counts.hooks[entry.hook] ?? 0) + 1;
      counts.hookTotal += 1;
    } else if (entry.event === 'write-refused') {
      counts.refused += 1;
      counts.reasons.push(entry.reason ?? '(no reason)');
    }
  }
  return counts;
}
