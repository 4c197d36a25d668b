/**
 * The conflict map: every rule run over one snapshot, most severe first, then most recent first.
 * Pure and deterministic (no clock, no I/O): the caller passes `now` and the journal lookup, so
 * the same snapshot always gives the same list, with ids the UI can keep its selection by.
 */
import type { Conflict, ConflictSeverity } from '../../shared/conflicts';
import { claimCoverage } from './claim-coverage';
import { brokenImportConflicts } from './broken-import-rule';
import { buildContext } from './conflict-context';
import type { ConflictInput } from './conflict-input';
import { duplicateConflicts } from './duplicate-rule';
import { importCycleConflicts } from './import-cycle-rule';
import { overlapConflicts } from './overlap-rule';
import { pingPongConflicts } from './ping-pong-rule';
import { stuckConflicts } from './stuck-rule';
import { unmanagedWriteConflicts } from './unmanaged-write-rule';
import { claimedWriteConflicts, gateConflicts } from './violation-rule';

export type { ConflictInput, GateEvent } from './conflict-input';
export { DEFAULT_PING_PONG } from './ping-pong-rule';

const SEVERITY_RANK: Record<ConflictSeverity, number> = { critical: 0, warning: 1, info: 2 };

export function detectConflicts(input: ConflictInput): Conflict[] {
  const ctx = buildContext(input);
  const covering = claimCoverage(input.claims);
  const pingPong = pingPongConflicts(ctx);
  // A ping-pong already says the file changed hands; an overlap on the same file would repeat it.
  const rallied = new Set(pingPong.flatMap((conflict) => conflict.paths));
  const conflicts = [
    ...pingPong,
    ...overlapConflicts(ctx, covering, rallied),
    ...unmanagedWriteConflicts(ctx, covering),
    ...gateConflicts(ctx, covering),
    ...claimedWriteConflicts(ctx, covering),
    ...duplicateConflicts(ctx),
    ...stuckConflicts(ctx),
    ...importCycleConflicts(ctx),
    ...brokenImportConflicts(ctx),
  ];
  return conflicts.sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      Date.parse(b.at) - Date.parse(a.at) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
