/**
 * What the conflict detectors look at: one snapshot of changes, gate events, agents, claims and
 * import cycles, taken by the caller. Kept apart from the rules so each rule imports only types.
 */
import type { Agent } from '../../shared/domain';
import type { ClaimView } from '../../shared/locks';
import type { TrackedChange } from '../changes/change-types';
import type { JournalVersion } from '../journal/journal-types';
import type { BrokenImport } from './broken-imports';
import type { ImportCycle } from './import-cycles';
import type { GateEvent } from '../gate/gate-event';

export type { GateEvent } from '../gate/gate-event';

export interface ConflictInput {
  /** Epoch ms. */
  now: number;
  /** Baseline changes (evidence.rule === 'baseline') were there before Switchyard: nobody is blamed for them. */
  changes: readonly TrackedChange[];
  /** Write gate refusals, and violations in observe/advise mode. */
  gateEvents: readonly GateEvent[];
  agents: readonly Agent[];
  /** Live claims. */
  claims: readonly ClaimView[];
  importCycles: readonly ImportCycle[];
  /** Imports the agents' changes broke; absent where nobody looked. */
  brokenImports?: readonly BrokenImport[];
  stuckAfterMinutes: number;
  /** Journal versions of a path, oldest first — for the restore action. */
  timeline: (path: string) => readonly JournalVersion[];
  pingPong?: { alternations: number; windowMs: number };
}
