/**
 * What two agents did that says they are doing one job: both wrote (or tried to write) the same
 * files, or one was refused writes on the other's claim. Task text can be re-worded past any
 * threshold; an agent going for the files its twin already holds cannot.
 */
import type { GateEvent } from '../gate/gate-event';
import { listWords } from './conflict-context';

export interface AgentActivity {
  /** Agent id → the paths its attributed changes touched. */
  written: ReadonlyMap<string, ReadonlySet<string>>;
  /** Refusals, and writes let through onto another's claim (observe and advise modes). */
  gateEvents: readonly GateEvent[];
}

export interface ClaimClash {
  writer: string;
  holder: string;
  /** The paths of the holder's claim the writer went for. */
  paths: string[];
  refused: number;
  /** Writes that went through anyway (observe and advise modes). */
  letThrough: number;
}

export interface PairEvidence {
  /** Paths both agents wrote or tried to write, sorted. */
  sharedPaths: string[];
  /** Each agent's writes on the other's claims (at most one entry per direction). */
  clashes: ClaimClash[];
}

export const NO_EVIDENCE: PairEvidence = { sharedPaths: [], clashes: [] };

/** Paths an agent wrote, plus those it tried to write (a refused write never reaches the disk). */
function touchedBy(activity: AgentActivity, agentId: string): Set<string> {
  const touched = new Set(activity.written.get(agentId) ?? []);
  for (const event of activity.gateEvents) if (event.agentId === agentId) event.paths.forEach((p) => touched.add(p));
  return touched;
}

function clash(activity: AgentActivity, writer: string, holder: string): ClaimClash | null {
  const paths = new Set<string>();
  let refused = 0;
  let letThrough = 0;
  for (const event of activity.gateEvents) {
    if (event.agentId !== writer) continue;
    const held = event.paths.filter((p, i) =>
      event.holders.length === event.paths.length ? event.holders[i] === holder : event.holders.includes(holder),
    );
    if (held.length === 0) continue;
    held.forEach((p) => paths.add(p));
    if (event.kind === 'refused') refused++;
    else letThrough++;
  }
  return paths.size === 0 ? null : { writer, holder, paths: [...paths].sort(), refused, letThrough };
}

export function pairEvidence(activity: AgentActivity, a: string, b: string): PairEvidence {
  const mine = touchedBy(activity, a);
  const sharedPaths = [...touchedBy(activity, b)].filter((p) => mine.has(p)).sort();
  const clashes = [clash(activity, a, b), clash(activity, b, a)].filter((c): c is ClaimClash => c !== null);
  return { sharedPaths, clashes };
}

export const hasEvidence = (evidence: PairEvidence): boolean => evidence.sharedPaths.length > 0 || evidence.clashes.length > 0;

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/** Clauses such as `agent "B" was refused 2 writes on agent "A"'s claim src/inventory.ts`. */
export function describeEvidence(evidence: PairEvidence, label: (agentId: string) => string): string[] {
  const clauses = evidence.clashes.map((c) => {
    const what = [
      c.refused > 0 ? `was refused ${plural(c.refused, 'write')}` : null,
      c.letThrough > 0 ? `wrote ${plural(c.letThrough, 'time')}` : null,
    ].filter((part): part is string => part !== null);
    return `${label(c.writer)} ${what.join(' and ')} on ${label(c.holder)}'s claim ${listWords(c.paths)}`;
  });
  // Paths a clash already names need not be said twice.
  const named = new Set(evidence.clashes.flatMap((c) => c.paths));
  const alsoShared = evidence.sharedPaths.filter((p) => !named.has(p));
  if (alsoShared.length > 0) clauses.push(`both wrote or tried to write ${listWords(alsoShared)}`);
  return clauses;
}
